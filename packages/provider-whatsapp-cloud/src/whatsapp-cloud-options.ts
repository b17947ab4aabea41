import {
  baseUrlSchema,
  normalizeBearerToken,
  type ProviderTransportOptions,
  parseOrThrow,
  transportConfigShape,
  transportOptionsShape,
  ValidationError,
} from '@switchboard/core';
import { z } from 'zod';

/** The provider id, also the config section key: `{ "provider": "whatsapp-cloud", "whatsapp-cloud": { … } }`. */
export const WHATSAPP_CLOUD_PROVIDER_ID = 'whatsapp-cloud';
/** Meta's Graph API host, used by the `direct` transport. */
export const GRAPH_BASE_URL = 'https://graph.facebook.com';
/** The Maton gateway's WhatsApp Business base, from Maton's `whatsapp-business` reference. */
export const MATON_WHATSAPP_BASE_URL = 'https://gateway.maton.ai/whatsapp-business';
/** The Graph API version every path starts with unless `apiVersion` says otherwise. */
export const DEFAULT_GRAPH_API_VERSION = 'v21.0';

/**
 * Options of {@link createWhatsAppCloud}. `retry`, `rateLimit`, `timeoutMs`, `dispatcher` and
 * `hooks` are core's {@link ProviderTransportOptions}; the default `rateLimit` is, for `maton`, the
 * 10 requests/s budget of the Maton API key (core's `matonAccountRateLimiter`, shared by every
 * provider created with that key, WATI included, since Maton limits per account) and none for `direct`.
 *
 * @example
 * ```ts
 * createWhatsAppCloud({ transport: 'direct', accessToken: process.env.WHATSAPP_ACCESS_TOKEN, phoneNumberId: '106540352242922' });
 * createWhatsAppCloud({ transport: 'maton', apiKey: process.env.MATON_API_KEY, phoneNumberId: '106540352242922' });
 * ```
 */
export interface WhatsAppCloudOptions extends ProviderTransportOptions {
  /** `direct` calls graph.facebook.com with your Meta token; `maton` goes through the Maton gateway, which injects it. */
  transport: 'maton' | 'direct';
  /** Maton API key (`MATON_API_KEY`); required for `maton`. A pasted `Bearer ` prefix is removed. */
  apiKey?: string;
  /** Meta access token, ideally a System User token (`WHATSAPP_ACCESS_TOKEN`); required for `direct`. */
  accessToken?: string;
  /** The numeric Phone number ID from WhatsApp Manager or the App Dashboard (`WHATSAPP_PHONE_NUMBER_ID`). */
  phoneNumberId: string;
  /** WhatsApp Business Account id (`WHATSAPP_BUSINESS_ACCOUNT_ID`); needed for templates and to list numbers. */
  businessAccountId?: string;
  /** Graph API version in every path, e.g. `v21.0` (default) (`WHATSAPP_API_VERSION`). */
  apiVersion?: string;
  /** The Maton connection to use when you have several (`MATON_CONNECTION_ID`); sent as `Maton-Connection`. Ignored for `direct`. */
  connectionId?: string;
  /** Replaces the base URL (`https://graph.facebook.com` or the Maton gateway) for proxies, emulators and tests (`WHATSAPP_BASE_URL`). */
  baseUrl?: string;
  /**
   * The Meta app secret (`WHATSAPP_APP_SECRET`). With it, `webhooks.parse` rejects deliveries without
   * a valid `X-Hub-Signature-256`; without it, deliveries are NOT authenticated.
   */
  appSecret?: string;
  /** The verify token you typed in the App Dashboard's webhook settings (`WHATSAPP_VERIFY_TOKEN`). */
  verifyToken?: string;
}

/** Options with defaults applied and credentials normalized; the transport options as given. */
export interface ResolvedWhatsAppCloudOptions extends ProviderTransportOptions {
  transport: 'maton' | 'direct';
  baseUrl: string;
  /** The bearer credential: the Maton key or the Meta token, without a `Bearer ` prefix. */
  credential: string;
  phoneNumberId: string;
  businessAccountId: string | undefined;
  apiVersion: string;
  connectionId: string | undefined;
  appSecret: string | undefined;
  verifyToken: string | undefined;
  /** Every secret value given, for redaction. */
  secrets: string[];
}

const numericId = (what: string, option: string, env: string) =>
  z
    .string({
      error: (issue) =>
        issue.input === undefined ? `is required: pass ${option} or set ${env}` : 'must be a string',
    })
    .trim()
    .regex(/^\d+$/, `must be the numeric ${what} id from WhatsApp Manager (digits only)`);

/** The JSON-friendly options: the config schema of the `whatsappCloud` definition is built from it. */
export const whatsappCloudJsonOptionsShape = {
  transport: z.enum(
    ['maton', 'direct'],
    "must be 'direct' (with accessToken, WHATSAPP_ACCESS_TOKEN) or 'maton' (with apiKey, MATON_API_KEY)",
  ),
  apiKey: z.string().optional(),
  accessToken: z.string().optional(),
  phoneNumberId: numericId('Phone number', 'phoneNumberId', 'WHATSAPP_PHONE_NUMBER_ID'),
  businessAccountId: numericId(
    'WhatsApp Business Account',
    'businessAccountId',
    'WHATSAPP_BUSINESS_ACCOUNT_ID',
  ).optional(),
  apiVersion: z
    .string()
    .regex(/^v\d+\.\d+$/, 'must be a Graph API version such as v21.0')
    .optional(),
  connectionId: z.string().min(1).optional(),
  baseUrl: baseUrlSchema.optional(),
  appSecret: z.string().min(1, 'must not be empty (omit it instead)').optional(),
  verifyToken: z.string().min(1, 'must not be empty (omit it instead)').optional(),
  ...transportConfigShape,
};

/** Which option and environment variable hold the credential of each transport. */
export const CREDENTIALS = {
  maton: { option: 'apiKey', env: 'MATON_API_KEY' },
  direct: { option: 'accessToken', env: 'WHATSAPP_ACCESS_TOKEN' },
} as const;

/**
 * Reports a missing credential for the chosen transport, naming the option and its environment
 * variable, never a value.
 */
export function addCredentialIssues(
  options: { transport: 'maton' | 'direct'; apiKey?: string | undefined; accessToken?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  // Also runs when other fields failed (see CHECK_ALWAYS), so the transport may be anything.
  const credential = CREDENTIALS[options.transport] as (typeof CREDENTIALS)['direct'] | undefined;
  if (credential === undefined) return;
  const { option, env } = credential;
  const value = options[option];
  if (typeof value !== 'string' || normalizeBearerToken(value) === '') {
    ctx.addIssue({
      code: 'custom',
      path: [option],
      message: `is required for transport '${options.transport}': pass ${option} or set ${env}`,
    });
  }
}

/**
 * Runs the credential check even when another field is invalid, so a config missing both the
 * phone number id and the token reports both at once.
 */
export const CHECK_ALWAYS = { when: () => true } as const;

const runtimeOptionsSchema = z
  .strictObject({ ...whatsappCloudJsonOptionsShape, ...transportOptionsShape })
  .superRefine(addCredentialIssues, CHECK_ALWAYS);

/**
 * Validates {@link WhatsAppCloudOptions} and applies the defaults.
 *
 * @throws {ValidationError} naming each offending option (and the environment variable behind a
 *   missing credential); values are never echoed.
 */
export function resolveWhatsAppCloudOptions(options: WhatsAppCloudOptions): ResolvedWhatsAppCloudOptions {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError("Invalid WhatsApp Cloud options: pass { transport: 'direct' | 'maton', … }", {
      provider: WHATSAPP_CLOUD_PROVIDER_ID,
      issues: [{ path: '', message: 'expected an object' }],
    });
  }
  const parsed = parseOrThrow(runtimeOptionsSchema, options, {
    what: 'WhatsApp Cloud options',
    provider: WHATSAPP_CLOUD_PROVIDER_ID,
  });
  const maton = parsed.transport === 'maton';
  const credential = normalizeBearerToken((maton ? parsed.apiKey : parsed.accessToken) ?? '');
  const secrets = [parsed.apiKey, parsed.accessToken, parsed.appSecret, parsed.verifyToken]
    .filter((value): value is string => value !== undefined)
    .map(normalizeBearerToken)
    .filter((value) => value !== '');
  return {
    transport: parsed.transport,
    baseUrl: parsed.baseUrl ?? (maton ? MATON_WHATSAPP_BASE_URL : GRAPH_BASE_URL),
    credential,
    phoneNumberId: parsed.phoneNumberId,
    businessAccountId: parsed.businessAccountId,
    apiVersion: parsed.apiVersion ?? DEFAULT_GRAPH_API_VERSION,
    connectionId: maton ? parsed.connectionId : undefined,
    appSecret: parsed.appSecret,
    verifyToken: parsed.verifyToken,
    secrets,
    retry: parsed.retry,
    rateLimit: parsed.rateLimit,
    timeoutMs: parsed.timeoutMs,
    dispatcher: parsed.dispatcher,
    hooks: parsed.hooks,
  };
}
