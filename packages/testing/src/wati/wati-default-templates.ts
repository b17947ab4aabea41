import type { WatiEmulatorTemplate } from './wati-template.js';

/**
 * The templates a {@link createWatiEmulator} instance starts with when `templates` is not given:
 * `order_update` (the example of Maton's WATI documentation, parameters `name` and `ordernumber`), `update_for_you`
 * (the static template of WATI's own documented examples), a static marketing template with quick replies,
 * an invoice template with a document header and a dynamic URL button, and a `PENDING` one whose sends
 * fail as they would on WATI.
 *
 * @example
 * ```ts
 * const emulator = createWatiEmulator({
 *   templates: [...defaultWatiTemplates, { elementName: 'otp', category: 'AUTHENTICATION', body: '{{1}} is your code.' }],
 * });
 * ```
 */
export const defaultWatiTemplates: readonly WatiEmulatorTemplate[] = Object.freeze([
  {
    elementName: 'order_update',
    category: 'UTILITY',
    body: 'Hi {{name}}, your order {{ordernumber}} has shipped and is on its way.',
    footer: 'Reply STOP to opt out',
    customParams: [
      { paramName: 'name', paramValue: 'John' },
      { paramName: 'ordernumber', paramValue: '12345' },
    ],
  },
  {
    elementName: 'update_for_you',
    category: 'MARKETING',
    body: 'Hi! We have an update for you.',
    buttons: [{ type: 'quick_reply', text: 'Tell me more' }],
  },
  {
    elementName: 'welcome_offer',
    category: 'MARKETING',
    body: 'Welcome to our store! Enjoy 10% off your first order.',
    footer: 'Reply STOP to opt out',
    buttons: [
      { type: 'quick_reply', text: 'Shop now' },
      { type: 'quick_reply', text: 'Not interested' },
    ],
  },
  {
    elementName: 'invoice_ready',
    category: 'UTILITY',
    language: 'en_US',
    header: { type: 'document', link: 'https://example.com/invoices/sample.pdf' },
    body: 'Hello {{name}}, your invoice for {{amount}} is attached.',
    buttons: [{ type: 'url', text: 'Pay now', url: 'https://example.com/pay/{{1}}' }],
    customParams: [
      { paramName: 'name', paramValue: 'John' },
      { paramName: 'amount', paramValue: '$42.00' },
      { paramName: '1', paramValue: 'INV-1001' },
    ],
  },
  {
    elementName: 'spring_sale',
    category: 'MARKETING',
    status: 'PENDING',
    body: 'Our spring sale starts {{date}}!',
  },
]);
