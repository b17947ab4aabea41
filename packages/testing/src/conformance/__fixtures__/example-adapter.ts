import { createHmac, timingSafeEqual } from 'node:crypto';

// A minimal adapter for a tiny JSON messaging API ("Example"): POST /v1/messages, GET /v1/templates, and
// signed status webhooks. It is the adapter the README's "Writing a provider" shows.

/** Options of {@link createExampleProvider}. */
export interface ExampleOptions {
  baseUrl: string;
  apiKey: string;
  /** Signs webhook deliveries (`x-example-signature: sha256=<hex HMAC-SHA256 of the body>`). */
  webhookSecret: string;
  hooks?: { onRequest?(event: object): void; onResponse?(event: object): void };
}

type Message = { type: string; to: string; replyTo?: string; text?: unknown; template?: unknown };
type SendResult = { id: string; provider: 'example'; to: string; status: 'accepted'; raw: unknown };
type SendOptions = { signal?: AbortSignal };
type RawRequest = { body: string | Uint8Array; headers: Record<string, string> };
type Status = { messageId: string; providerIds: Record<string, string>; status: string; timestamp: Date };
type Event = ({ kind: 'status' } & Status) | { kind: 'unknown' };
type Fields = { status?: number; retryAfterMs?: number; capability?: string; issues?: object[] };

/** The provider: what every provider has, plus a `templates` facet with the one operation the API has. */
export interface ExampleProvider {
  readonly id: 'example';
  readonly capabilities: ReadonlySet<string>;
  send(message: Message, options?: SendOptions): Promise<SendResult>;
  sendBulk(request: { template: object; recipients: readonly { to: string }[] }): Promise<{
    results: { to: string; ok: boolean; id: string }[];
  }>;
  readonly templates: { list(): Promise<{ items: object[] }> };
  readonly webhooks: {
    handleVerification(requestOrUrl: Request | URL | string): Response;
    parse(request: Request | RawRequest): Promise<(Event & { provider: 'example'; raw: unknown })[]>;
  };
  close(): Promise<void>;
}

/** The error every call throws: a neutral `code`, `retryable`, and where known `status`, `retryAfterMs`. */
export class ExampleError extends Error {
  override readonly name = 'ExampleError';
  readonly provider = 'example';
  constructor(
    message: string,
    readonly code: string,
    readonly retryable: boolean,
    fields: Fields = {},
  ) {
    super(message);
    Object.assign(this, fields);
  }
}

const CAPABILITIES = [
  'send.text',
  'send.template',
  'send.replyTo',
  'send.bulk',
  'templates.list',
  'webhooks.signature',
];

function invalid(path: string, message: string): ExampleError {
  return new ExampleError(`Invalid ${path}: ${message}`, 'validation_failed', false, {
    issues: [{ path, message }],
  });
}

function recipient(to: unknown): string {
  // A business-scoped user id is a valid recipient the example API cannot address.
  if (typeof to === 'string' && /^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/.test(to.trim())) {
    throw new ExampleError('Example cannot send to business-scoped user ids', 'unsupported_feature', false, {
      capability: 'send.to.userId',
    });
  }
  const digits = typeof to === 'string' ? to.replace(/^\+|[\s().-]/g, '') : '';
  if (!/^\d{8,15}$/.test(digits)) throw invalid('to', 'must be a phone number with its country code');
  return digits;
}

/** Validates a call's options: only `signal`, and it must be an AbortSignal (not its controller). */
function sendOptions(options: unknown): SendOptions {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null) throw invalid('options', 'must be an object');
  const { signal } = options as { signal?: unknown };
  if (signal !== undefined && !(signal instanceof AbortSignal))
    throw invalid('signal', 'must be an AbortSignal');
  return signal === undefined ? {} : { signal };
}

/** Validates before any request: unsupported types, then fields. Returns the API's request body. */
function toRequestBody(message: Message): Record<string, unknown> {
  if (message.type !== 'text' && message.type !== 'template') {
    throw new ExampleError(`Example cannot send ${message.type} messages`, 'unsupported_feature', false, {
      capability: `send.${message.type}`,
    });
  }
  const body: Record<string, unknown> = { to: recipient(message.to) };
  if (message.replyTo !== undefined) body.replyTo = message.replyTo;
  if (message.type === 'text') {
    if (typeof message.text !== 'string' || message.text === '' || message.text.length > 4096)
      throw invalid('text', 'must be 1 to 4096 characters');
    return { ...body, text: message.text };
  }
  const template = message.template as { name?: unknown; language?: unknown } | undefined;
  if (typeof template?.name !== 'string' || !/^[a-z0-9_]+$/.test(template.name))
    throw invalid('template.name', 'must be lowercase letters, digits or underscores');
  return { ...body, template: { name: template.name, language: template.language } };
}

/** Maps an HTTP failure to a neutral error; the message never quotes the response (it may echo our key). */
function httpError(response: Response): ExampleError {
  const { status } = response;
  const text = `Example answered HTTP ${status}`;
  if (status === 401 || status === 403) return new ExampleError(text, 'auth_failed', false, { status });
  if (status === 429) {
    const seconds = Number(response.headers.get('retry-after'));
    const retryAfterMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
    return new ExampleError(text, 'rate_limited', true, retryAfterMs ? { status, retryAfterMs } : { status });
  }
  if (status >= 500) return new ExampleError(text, 'provider_unavailable', true, { status });
  return new ExampleError(text, status === 400 ? 'validation_failed' : 'unknown', false, { status });
}

async function readDelivery(request: Request | RawRequest): Promise<{ body: string; signature: string }> {
  if (request instanceof Request) {
    return { body: await request.text(), signature: request.headers.get('x-example-signature') ?? '' };
  }
  const body = typeof request.body === 'string' ? request.body : Buffer.from(request.body).toString('utf8');
  return { body, signature: request.headers['x-example-signature'] ?? '' };
}

/** Creates the provider. Every method validates its input before any request. */
export function createExampleProvider(options: ExampleOptions): ExampleProvider {
  const { baseUrl, apiKey, webhookSecret, hooks } = options;

  async function call(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<unknown> {
    const url = `${baseUrl}${path}`;
    hooks?.onRequest?.({ provider: 'example', method, url });
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(signal === undefined ? {} : { signal }),
      });
    } catch {
      if (signal?.aborted) throw signal.reason;
      throw new ExampleError(`Example request ${method} ${path} failed`, 'network_error', true);
    }
    hooks?.onResponse?.({ provider: 'example', method, url, status: response.status });
    if (!response.ok) throw httpError(response);
    return response.json();
  }

  async function send(message: Message, options?: SendOptions): Promise<SendResult> {
    const body = toRequestBody(message);
    const { signal } = sendOptions(options);
    const raw = (await call('POST', '/v1/messages', body, signal)) as { id: string };
    return { id: raw.id, provider: 'example', to: body.to as string, status: 'accepted', raw };
  }

  return {
    id: 'example',
    capabilities: new Set(CAPABILITIES),
    send,
    async sendBulk(request) {
      if (request.recipients.length === 0) throw invalid('recipients', 'must not be empty');
      const recipients = request.recipients.map(({ to }) => recipient(to)); // all valid before any request
      const results = [];
      for (const to of recipients) {
        const sent = await send({ type: 'template', to, template: request.template });
        results.push({ to: sent.to, ok: true, id: sent.id });
      }
      return { results };
    },
    templates: {
      async list() {
        const raw = (await call('GET', '/v1/templates')) as { templates: object[] };
        return { items: raw.templates };
      },
    },
    webhooks: {
      handleVerification: () => new Response('Example has no webhook handshake', { status: 404 }),
      async parse(request) {
        const { body, signature } = await readDelivery(request);
        const expected = `sha256=${createHmac('sha256', webhookSecret).update(body).digest('hex')}`;
        if (
          signature.length !== expected.length ||
          !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
        )
          throw new ExampleError('Invalid webhook signature', 'webhook_verification_failed', false);
        let events: Record<string, string>[];
        try {
          ({ events } = JSON.parse(body));
        } catch {
          throw invalid('body', 'must be JSON');
        }
        return events.map((event) => {
          if (event.type !== 'status' || event.messageId === undefined)
            return { kind: 'unknown', provider: 'example', raw: event };
          const { messageId, status = 'unknown', timestamp = '' } = event;
          return {
            kind: 'status',
            provider: 'example',
            messageId,
            providerIds: { id: messageId },
            status,
            timestamp: new Date(timestamp),
            raw: event,
          };
        });
      },
    },
    async close() {},
  };
}
