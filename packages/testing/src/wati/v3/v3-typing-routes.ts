import { z } from 'zod';
import type { WatiEmulatorContext } from '../wati-context.js';
import type { WatiRoute } from '../wati-route.js';
import { readV3Json, splitTarget, V3, v3Json, v3SessionRecipient } from './v3-common.js';

// Like every V3 request model, `additionalProperties: false`: only `target`.
const typingSchema = z.strictObject({
  target: z.string({ error: 'The target field is required.' }).trim().min(1, 'The target field is required.'),
});

/**
 * `POST /api/ext/v3/conversations/typingIndicator` with JSON `{ target }`: shows "typing…" in the
 * target's conversation. The target is what the other conversation sends take (number, BSUID,
 * contact or conversation id, optionally `Channel:` first) and must reach a contact the business may
 * message now: the same 400s (invalid number, "Ticket has been expired.", unknown channel) and 404
 * (unknown contact id or BSUID) as a text send. Nothing is delivered, so no message is stored and no
 * status webhook follows; the indicator is recorded in `state.typingIndicators`.
 *
 * WATI documents no response model for it: the emulator answers `{ result: true }`, the answer of
 * the other conversation action WATI documents (`{target}/operator`).
 */
export function v3TypingRoutes(context: WatiEmulatorContext): WatiRoute[] {
  return [
    {
      method: 'POST',
      pattern: `${V3}/conversations/typingIndicator`,
      tenantless: true,
      async resolve({ request }) {
        const body = await readV3Json(request, typingSchema);
        if (!body.ok) return body.response;
        const { target } = body.value;
        const recipient = v3SessionRecipient(context, target);
        if (!recipient.ok) return recipient.response;
        context.state.typingIndicators.push({
          waId: recipient.value.waId,
          target,
          channel: splitTarget(target).channel,
          conversationId: recipient.value.conversationId,
          at: context.config.now(),
        });
        return v3Json({ result: true });
      },
    },
  ];
}
