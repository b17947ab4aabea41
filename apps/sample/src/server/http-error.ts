/**
 * An HTTP-level refusal that is about the request's form (its method, its content type), not about
 * anything Switchboard does: answered with `status` and `{ error: { code, message } }`.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  /** The answer's body, in the API's error format. */
  toJSON(): { code: string; message: string } {
    return { code: this.code, message: this.message };
  }
}
