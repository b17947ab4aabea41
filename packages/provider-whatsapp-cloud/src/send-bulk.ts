import {
  type BulkRequest,
  type BulkResult,
  type BulkSendOptions,
  type CapabilityHolder,
  fanOut,
  type OutboundMessage,
  type SendOptions,
  type SendResult,
  validateBulkRequest,
} from '@switchboard/core';
import { WHATSAPP_CLOUD_PROVIDER_ID } from './whatsapp-cloud-options.js';
import { readWhatsAppCloudProviderOptions } from './whatsapp-cloud-provider-options.js';

/**
 * `sendBulk`: the Cloud API has no bulk endpoint, so after core's `validateBulkRequest` (and this
 * provider's options) it sends the template once per recipient with `send` (core's `fanOut`, four at
 * a time, paced by the instance's rate limiter) and reports results in recipient order.
 *
 * Every send carries the neutral `campaign` as Meta's `biz_opaque_callback_data`, so each status
 * webhook echoes it (in the event's `raw`); `providerOptions['whatsapp-cloud'].bizOpaqueCallbackData`
 * replaces it when given (it may be up to 512 characters, `campaign` up to 200).
 */
export async function sendBulk(
  send: (message: OutboundMessage, options: SendOptions) => Promise<SendResult>,
  provider: CapabilityHolder,
  input: BulkRequest,
  options: BulkSendOptions = {},
): Promise<BulkResult> {
  const request = validateBulkRequest(provider, input);
  const own = readWhatsAppCloudProviderOptions(options.providerOptions);
  const bizOpaqueCallbackData = own.bizOpaqueCallbackData ?? request.campaign;
  const providerOptions =
    bizOpaqueCallbackData === undefined
      ? undefined
      : { [WHATSAPP_CLOUD_PROVIDER_ID]: { bizOpaqueCallbackData } };
  return fanOut(
    request.recipients,
    (recipient, signal) =>
      send(
        {
          type: 'template',
          to: recipient.to,
          template: {
            name: request.template.name,
            language: request.template.language,
            ...(recipient.parameters === undefined ? {} : { parameters: recipient.parameters }),
          },
        },
        {
          ...(signal === undefined ? {} : { signal }),
          ...(providerOptions === undefined ? {} : { providerOptions }),
        },
      ),
    options.signal === undefined ? {} : { signal: options.signal },
  );
}
