import type { OutboundMessage } from '../model/outbound-message.js';
import type { SendResult } from '../model/send-result.js';
import type { MessagingProvider, SendOptions } from '../provider/messaging-provider.js';

/**
 * `provider` with `send` replaced and everything else (id, capabilities, facets, webhooks, close)
 * left as it is, keeping the provider's type so its facets stay visible to the compiler. Methods
 * are called on the provider itself, so adapters built as classes keep working.
 */
export function overrideSend<P extends MessagingProvider>(
  provider: P,
  send: (message: OutboundMessage, options?: SendOptions) => Promise<SendResult>,
): P {
  return new Proxy(provider, {
    get(target, property) {
      if (property === 'send') return send;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
