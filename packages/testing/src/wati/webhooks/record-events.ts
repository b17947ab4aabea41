import type { WatiEmulatorConfig } from '../wati-context.js';
import type { WatiMessageRecord } from '../wati-records.js';
import { watiWebhookPayloads as payloads } from './wati-webhook-payloads.js';

/** A status the emulator can report on a sent message. `replied` is WATI's own extra status. */
export type WatiDeliveryStatus = 'sent' | 'delivered' | 'read' | 'replied' | 'failed';

/** A Meta failure for a `failed` status: `code` is Meta's error code (`131047`), `detail` its text. */
export interface WatiFailure {
  code: string;
  detail: string;
}

/**
 * The webhook payload WATI sends for `status` of a stored business message. Template messages report
 * through `templateMessage*` events, session messages (text, file, interactive) through
 * `sessionMessage*`; receipts (delivered, read, replied) are shared.
 */
export function statusPayloadFor(
  message: WatiMessageRecord,
  status: WatiDeliveryStatus,
  version: 'v1' | 'v2',
  config: WatiEmulatorConfig,
  failure?: WatiFailure,
): Record<string, unknown> {
  const common = {
    id: message.id,
    whatsappMessageId: message.whatsappMessageId,
    localMessageId: message.localMessageId,
    conversationId: message.conversationId,
    ticketId: message.ticketId,
    text: message.text,
    type: message.type,
    timestamp: config.now(),
    assigneeId: config.assigneeId,
    operatorEmail: message.operatorEmail ?? config.operatorEmail,
    channelPhoneNumber: config.channelPhoneNumber,
  };
  const v2 = version === 'v2';
  switch (status) {
    case 'sent':
      if (message.kind === 'template') {
        const input = {
          ...common,
          waId: message.waId,
          templateName: message.template?.name ?? '',
          templateId: message.template?.id ?? '',
          created: message.created,
        };
        return v2 ? payloads.templateMessageSentV2(input) : payloads.templateMessageSent(input);
      }
      {
        const input = {
          ...common,
          waId: message.waId,
          operatorName: config.operatorName,
          data: message.data,
          replyContextId: message.replyContextId,
          timestamp: message.created,
        };
        return v2 ? payloads.sessionMessageSentV2(input) : payloads.sessionMessageSent(input);
      }
    case 'delivered':
      return v2 ? payloads.sentMessageDeliveredV2(common) : payloads.sentMessageDelivered(common);
    case 'read':
      return v2 ? payloads.sentMessageReadV2(common) : payloads.sentMessageRead(common);
    case 'replied':
      return v2 ? payloads.sentMessageRepliedV2(common) : payloads.sentMessageReplied(common);
    case 'failed': {
      const input = { ...common, failedCode: failure?.code, failedDetail: failure?.detail };
      return message.kind === 'template'
        ? payloads.templateMessageFailed(input)
        : payloads.sessionMessageFailed(input);
    }
  }
}
