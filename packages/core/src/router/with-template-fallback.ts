import { parseOrThrow } from '../errors/from-zod.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import { lazySchema } from '../internal/lazy-schema.js';
import * as z from '../internal/zod-mini.js';
import type { OutboundMessage, ValidOutboundMessage } from '../model/outbound-message.js';
import type { SendResult } from '../model/send-result.js';
import type { TemplateMessage } from '../model/template-message.js';
import type { MessagingProvider, SendOptions } from '../provider/messaging-provider.js';
import { parseOutboundMessage } from '../provider/validate-send.js';
import { overrideSend } from './override-send.js';
import type { WindowState, WindowTracker } from './window-tracker.js';

/** Why {@link withTemplateFallback} sent the template instead of the message. */
export type TemplateFallbackReason =
  /** The tracker knew the window was closed (or did not know it, with `unknownWindow: 'template'`). */
  | 'window_closed'
  /** The provider refused the session message with `session_window_closed` (WATI does so at once). */
  | 'provider_refused';

/** Options of {@link withTemplateFallback}. */
export interface TemplateFallbackOptions {
  tracker: WindowTracker;
  /** The template to send instead of a session message outside the window. */
  fallback: (message: ValidOutboundMessage) => TemplateMessage;
  /** The business number as this provider's events name it (`phoneNumberId`); see `ConversationKey`. */
  businessNumber?: string;
  /**
   * What to send when the tracker has seen no message from the customer: `template` (default; the
   * window is closed unless the customer wrote, and Meta would only report the failure later) or
   * `session` (try the message; a provider refusal still falls back).
   */
  unknownWindow?: 'template' | 'session';
  /** Called each time the template is sent instead. */
  onFallback?: (info: {
    message: ValidOutboundMessage;
    template: TemplateMessage;
    reason: TemplateFallbackReason;
  }) => void;
}

const optionsSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    tracker: z.custom<WindowTracker>(
      (value) => typeof (value as WindowTracker | undefined)?.window === 'function',
      'must be a window tracker (createWindowTracker)',
    ),
    fallback: z.custom<TemplateFallbackOptions['fallback']>(
      (value) => typeof value === 'function',
      'must be a function',
    ),
    businessNumber: z.optional(z.string().check(z.minLength(1))),
    unknownWindow: z.optional(z.enum(['template', 'session'])),
    onFallback: z.optional(
      z.custom<NonNullable<TemplateFallbackOptions['onFallback']>>((value) => typeof value === 'function'),
    ),
  }),
);

/**
 * `provider` sending session messages only inside the 24-hour customer-service window: when the
 * tracker says the window with the recipient is open, the message is sent; when it is closed, the
 * `fallback` template is sent instead; when the provider refuses the message with
 * `session_window_closed` (WATI, synchronously), the window is marked closed and the template is
 * sent. Templates pass through. Meta instead accepts a session message outside the window and
 * reports error 131047 later in a `failed` status: `tracker.observe` returns that failure (and
 * calls `onSessionWindowClosed`) so the app can resend it as a template.
 *
 * @example
 * ```ts
 * const tracker = createWindowTracker();
 * const wati = withTemplateFallback(createWati(options), {
 *   tracker,
 *   fallback: () => ({ name: 'follow_up', language: 'en', parameters: [] }),
 * });
 * ```
 */
export function withTemplateFallback<P extends MessagingProvider>(
  provider: P,
  options: TemplateFallbackOptions,
): P {
  const parsed = parseOrThrow(optionsSchema, options, {
    what: 'template fallback options',
    provider: provider.id,
  });
  const unknownWindow = parsed.unknownWindow ?? 'template';

  async function sendTemplate(
    message: ValidOutboundMessage,
    sendOptions: SendOptions | undefined,
    reason: TemplateFallbackReason,
  ): Promise<SendResult> {
    const template = parsed.fallback(message);
    parsed.onFallback?.({ message, template, reason });
    const templateMessage: OutboundMessage = { type: 'template', to: message.to, template };
    return provider.send(templateMessage, sendOptions);
  }

  return overrideSend(provider, async (input, sendOptions) => {
    const message = parseOutboundMessage(input, { what: 'message', provider: provider.id });
    if (message.type === 'template') return provider.send(input, sendOptions);
    const key = { provider: provider.id, businessNumber: parsed.businessNumber, customer: message.to };
    const window: WindowState = await parsed.tracker.window(key);
    const trySession = window.state === 'open' || (window.state === 'unknown' && unknownWindow === 'session');
    if (!trySession) return sendTemplate(message, sendOptions, 'window_closed');
    try {
      return await provider.send(input, sendOptions);
    } catch (error) {
      if (!SwitchboardError.isInstance(error) || error.code !== 'session_window_closed') throw error;
      await parsed.tracker.markClosed(key);
      return sendTemplate(message, sendOptions, 'provider_refused');
    }
  });
}
