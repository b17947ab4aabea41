import {
  type BulkRequest,
  type BulkResult,
  type BulkSendOptions,
  type BulkStreamOptions,
  type BulkStreamResult,
  type CapabilityHolder,
  collectBulk,
  fanOutStream,
  type OutboundMessage,
  type SendOptions,
  type SendResult,
  validateBulkOptions,
  validateBulkRequest,
} from '@switchboard/core';
import { WHATSAPP_CLOUD_PROVIDER_ID } from './whatsapp-cloud-options.js';
import { readWhatsAppCloudProviderOptions } from './whatsapp-cloud-provider-options.js';

/**
 * `sendBulkStream`: the Cloud API has no bulk endpoint, so after core's `validateBulkRequest` (and
 * this provider's options) it sends the template once per recipient with `send` (core's
 * `fanOutStream`, `concurrency` at a time, default 4, paced by the instance's rate limiter) and
 * yields each recipient's result as it settles; `raw` (Graph's response) only with `raw: true`.
 *
 * Every send carries the neutral `campaign` as Meta's `biz_opaque_callback_data`, so each status
 * webhook echoes it (in the event's `raw`); `providerOptions['whatsapp-cloud'].bizOpaqueCallbackData`
 * replaces it when given (it may be up to 512 characters, `campaign` up to 200).
 */
export async function* sendBulkStream(
  send: (message: OutboundMessage, options: SendOptions) => Promise<SendResult>,
  provider: CapabilityHolder,
  input: BulkRequest,
  givenOptions?: BulkStreamOptions,
): AsyncGenerator<BulkStreamResult, void, undefined> {
  const request = validateBulkRequest(provider, input);
  const options = validateBulkOptions(provider.id, givenOptions);
  const own = readWhatsAppCloudProviderOptions(options.providerOptions);
  const bizOpaqueCallbackData = own.bizOpaqueCallbackData ?? request.campaign;
  const providerOptions =
    bizOpaqueCallbackData === undefined
      ? undefined
      : { [WHATSAPP_CLOUD_PROVIDER_ID]: { bizOpaqueCallbackData } };
  const { name, language } = request.template;
  yield* fanOutStream(
    request.recipients,
    (recipient, signal) =>
      send(
        {
          type: 'template',
          to: recipient.to,
          template: {
            name,
            language,
            ...(recipient.parameters === undefined ? {} : { parameters: recipient.parameters }),
          },
        },
        providerOptions === undefined ? { signal } : { signal, providerOptions },
      ),
    {
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      ...(options.raw === undefined ? {} : { raw: options.raw }),
    },
  );
}

/** `sendBulk`: {@link sendBulkStream} collected into a result in recipient order (without `raw`). */
export function sendBulk(
  send: (message: OutboundMessage, options: SendOptions) => Promise<SendResult>,
  provider: CapabilityHolder,
  input: BulkRequest,
  options?: BulkSendOptions,
): Promise<BulkResult> {
  return collectBulk(sendBulkStream(send, provider, input, options));
}
