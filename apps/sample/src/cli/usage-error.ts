/**
 * The command line is wrong: a missing or unknown option, a bad value. Exit code 2, with the
 * command's usage hint.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** The command whose `--help` explains the fix, e.g. `send`. */
  readonly command: string | undefined;

  constructor(message: string, command?: string) {
    super(message);
    this.command = command;
  }

  /** True for a {@link UsageError}. */
  static isUsageError(error: unknown): error is UsageError {
    return error instanceof UsageError;
  }
}
