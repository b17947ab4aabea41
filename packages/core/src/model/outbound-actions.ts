import { lazySchema } from '../internal/lazy-schema.js';
import * as z from '../internal/zod-mini.js';
import { interactiveText, MESSAGE_LIMITS, outboundBase } from './outbound-base.js';

// Interactive messages that ask the user to act outside the chat: open a URL, share a location, fill
// in a WhatsApp Flow; and the typing indicator. Limits are Meta's (see MESSAGE_LIMITS).

const L = MESSAGE_LIMITS;

const httpUrl = /* @__PURE__ */ lazySchema(() => z.httpUrl());

/**
 * A call-to-action URL button (Meta interactive `cta_url`,
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-cta-url-messages/):
 * `body` with one button labelled `buttonText` that opens `url`, so the raw link stays hidden.
 */
export const ctaUrlMessageSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    ...outboundBase,
    type: z.literal('cta_url'),
    ...interactiveText,
    /** The button label (Meta `display_text`), at most 20 characters. */
    buttonText: z.string().check(z.minLength(1), z.maxLength(L.ctaButtonTextMaxLength)),
    /** An http(s) URL the button opens. */
    url: httpUrl,
  }),
);

/**
 * A location request (Meta interactive `location_request_message` with action `send_location`,
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/location-request-messages/):
 * `body` with a "Send location" button; the user's answer arrives as an inbound `location` message.
 */
export const locationRequestMessageSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    ...outboundBase,
    type: z.literal('location_request'),
    body: interactiveText.body,
  }),
);

/**
 * A WhatsApp Flow (Meta interactive `flow`, Meta's OpenAPI `ActionObject` with `name: "flow"`): a
 * button labelled `buttonText` opening the Flow named by exactly one of `flowId` or `flowName`.
 * `action: "navigate"` (the default) may name the first `screen` and its `data`; `data_exchange`
 * lets your endpoint choose, so `screen` and `data` are not allowed with it.
 */
export const flowMessageSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .strictObject({
      ...outboundBase,
      type: z.literal('flow'),
      ...interactiveText,
      /** The Flow's id; give this or `flowName`. */
      flowId: z.optional(z.string().check(z.minLength(1))),
      /** The Flow's name; give this or `flowId`. */
      flowName: z.optional(z.string().check(z.minLength(1))),
      /** The button label (Meta `flow_cta`), at most 30 characters. */
      buttonText: z.string().check(z.minLength(1), z.maxLength(L.flowButtonTextMaxLength)),
      /** Your identifier of this Flow session, echoed in the Flow's reply (Meta `flow_token`). */
      flowToken: z.optional(z.string().check(z.minLength(1))),
      /** `draft` sends a Flow still being built (to testers); default `published`. */
      mode: z.optional(z.enum(['draft', 'published'])),
      /** How the Flow starts; default `navigate`. */
      action: z.optional(z.enum(['navigate', 'data_exchange'])),
      /** The id of the first screen (with `navigate`). */
      screen: z.optional(z.string().check(z.minLength(1))),
      /** Input data of the first screen (with `navigate`): a non-empty JSON object. */
      data: z.optional(
        z
          .record(z.string(), z.json())
          .check(z.refine((data) => Object.keys(data).length > 0, 'must not be empty')),
      ),
    })
    .check(
      z.superRefine((message, ctx) => {
        if ((message.flowId === undefined) === (message.flowName === undefined)) {
          ctx.addIssue({
            code: 'custom',
            path: [message.flowId === undefined ? 'flowId' : 'flowName'],
            message: 'give exactly one of flowId or flowName',
          });
        }
        if (message.action === 'data_exchange') {
          for (const field of ['screen', 'data'] as const) {
            if (message[field] !== undefined) {
              ctx.addIssue({
                code: 'custom',
                path: [field],
                message: `${field} is only for action "navigate"; with "data_exchange" your endpoint chooses the screen`,
              });
            }
          }
        }
        if (message.data !== undefined && message.screen === undefined) {
          ctx.addIssue({ code: 'custom', path: ['screen'], message: 'data needs the screen it is for' });
        }
      }),
    ),
);

/**
 * A typing indicator (Cloud: mark-as-read with `typing_indicator: { type: "text" }`; WATI V3:
 * `typingIndicator`): shows "typing…" to the user who sent `messageId` (an inbound message id), for
 * up to 25 seconds or until the next message. Nothing is delivered, so no status webhooks follow;
 * `SendResult.id` is `messageId`.
 */
export const typingIndicatorMessageSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    ...outboundBase,
    type: z.literal('typing_indicator'),
    /** The inbound message being answered (Cloud also marks it read). */
    messageId: z.string().check(z.minLength(1)),
  }),
);
