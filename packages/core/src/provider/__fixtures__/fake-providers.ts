import * as z from 'zod';
import type { Capability } from '../capability.js';
import type { MessagingProvider } from '../messaging-provider.js';
import type { ProviderDefinition } from '../provider-definition.js';

/** A provider instance the fake definitions create: the options it was created with, nothing else. */
export interface FakeProvider extends Pick<MessagingProvider, 'id' | 'capabilities'> {
  readonly options: unknown;
}

function fakeProvider(id: string, options: unknown, capabilities: Capability[]): MessagingProvider {
  const provider: FakeProvider = { id, capabilities: new Set(capabilities), options };
  // Only `id`, `capabilities` and `options` are ever read in these tests.
  return provider as unknown as MessagingProvider;
}

export const fakeConfigSchema = z.strictObject({
  transport: z.enum(['maton', 'direct']).default('direct'),
  token: z.string().min(8),
  baseUrl: z.url().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  scopes: z.array(z.string()).optional(),
  retry: z.strictObject({ maxRetries: z.number().int().min(0) }).optional(),
  dispatcher: z.custom<object>((value) => typeof value === 'object' && value !== null).optional(),
});

/** `fake`: reads FAKE_TOKEN and FAKE_BASE_URL. */
export const fake: ProviderDefinition<typeof fakeConfigSchema> = {
  id: 'fake',
  configSchema: fakeConfigSchema,
  env: [
    { name: 'FAKE_TOKEN', field: 'token', description: 'API token', secret: true },
    { name: 'FAKE_BASE_URL', field: 'baseUrl', description: 'API base URL' },
  ],
  secretFields: ['token'],
  fromEnv(env) {
    if (env.FAKE_TOKEN === undefined && env.FAKE_BASE_URL === undefined) return undefined;
    return {
      ...(env.FAKE_TOKEN === undefined ? {} : { token: env.FAKE_TOKEN }),
      ...(env.FAKE_BASE_URL === undefined ? {} : { baseUrl: env.FAKE_BASE_URL }),
    };
  },
  create: (options) => fakeProvider('fake', options, ['send.text', 'send.image']),
};

export const otherConfigSchema = z.strictObject({
  apiKey: z.string().min(8),
  phoneNumberId: z.string().regex(/^\d+$/),
});

/** `other-fake`: reads OTHER_API_KEY and OTHER_PHONE_NUMBER_ID. */
export const otherFake: ProviderDefinition<typeof otherConfigSchema> = {
  id: 'other-fake',
  configSchema: otherConfigSchema,
  env: [
    { name: 'OTHER_API_KEY', field: 'apiKey', description: 'API key', secret: true },
    { name: 'OTHER_PHONE_NUMBER_ID', field: 'phoneNumberId', description: 'Phone number id' },
  ],
  secretFields: ['apiKey'],
  fromEnv(env) {
    if (env.OTHER_API_KEY === undefined && env.OTHER_PHONE_NUMBER_ID === undefined) return undefined;
    return { apiKey: env.OTHER_API_KEY, phoneNumberId: env.OTHER_PHONE_NUMBER_ID };
  },
  create: (options) => fakeProvider('other-fake', options, ['send.text', 'send.location']),
};

export const definitions = [fake, otherFake] as const;

/** The options a fake provider was created with. */
export function optionsOf(provider: MessagingProvider): unknown {
  return (provider as unknown as FakeProvider).options;
}
