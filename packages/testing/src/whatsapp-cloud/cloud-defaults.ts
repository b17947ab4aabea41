import type {
  CloudBusinessProfile,
  CloudEmulatorPhoneNumber,
  EmulatorTemplate,
} from './cloud-emulator-types.js';

/** Bearer token accepted when no `accessTokens` option is given. */
export const DEFAULT_CLOUD_ACCESS_TOKEN = 'test-access-token';

/** WhatsApp Business Account id used when none is given (the one of the contract examples). */
export const DEFAULT_CLOUD_BUSINESS_ACCOUNT_ID = '102290129340398';

/** The phone number served when none is given (the one of the contract webhook examples). */
export const DEFAULT_CLOUD_PHONE_NUMBER: CloudEmulatorPhoneNumber = {
  id: '106540352242922',
  displayPhoneNumber: '+1 555-078-3881',
  verifiedName: 'Lucky Shrub',
};

/**
 * Templates seeded when no `templates` option is given: Meta's sandbox `hello_world` (no parameters), the
 * positional `order_confirmation` of the contract example (2 body parameters) and the named
 * `shipping_update` (2 named body parameters, a quick reply and a URL button with a dynamic suffix).
 * Pass `[...DEFAULT_CLOUD_TEMPLATES, mine]` to add to them.
 *
 * @example
 * ```ts
 * const emulator = createWhatsAppCloudEmulator({
 *   templates: [...DEFAULT_CLOUD_TEMPLATES, { name: 'promo', language: 'en_US', category: 'MARKETING', components: [{ type: 'BODY', text: 'Sale!' }] }],
 * });
 * ```
 */
export const DEFAULT_CLOUD_TEMPLATES: readonly EmulatorTemplate[] = [
  {
    id: '1101297254577958',
    name: 'hello_world',
    language: 'en_US',
    category: 'UTILITY',
    parameterFormat: 'POSITIONAL',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Hello World' },
      {
        type: 'BODY',
        text:
          'Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message ' +
          'notification from the Cloud API, hosted by Meta. Thank you for taking the time to test with us.',
      },
      { type: 'FOOTER', text: 'WhatsApp Business Platform sample message' },
    ],
  },
  {
    id: '1192339204654487',
    name: 'order_confirmation',
    language: 'en_US',
    category: 'UTILITY',
    parameterFormat: 'POSITIONAL',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Order Confirmation' },
      {
        type: 'BODY',
        text: 'Hi {{1}}, your order #{{2}} has been confirmed!',
        example: { body_text: [['John', '12345']] },
      },
      { type: 'FOOTER', text: 'Thank you for your purchase' },
    ],
  },
  {
    id: '1689556908129832',
    name: 'shipping_update',
    language: 'en_US',
    category: 'UTILITY',
    parameterFormat: 'NAMED',
    components: [
      {
        type: 'BODY',
        text: 'Hi {{customer_name}}, your order {{order_number}} is on its way.',
        example: {
          body_text_named_params: [
            { param_name: 'customer_name', example: 'Jessica' },
            { param_name: 'order_number', example: 'SKBUP2-4CPIG9' },
          ],
        },
      },
      {
        type: 'BUTTONS',
        buttons: [
          { type: 'QUICK_REPLY', text: 'Stop updates' },
          {
            type: 'URL',
            text: 'Track order',
            url: 'https://example.com/track/{{1}}',
            example: ['https://example.com/track/SKBUP2-4CPIG9'],
          },
        ],
      },
    ],
  },
];

/** The profile each phone number starts with. */
export function defaultBusinessProfile(): CloudBusinessProfile {
  return {
    about: 'Succulent specialists!',
    address: '1 Hacker Way, Menlo Park, CA 94025',
    description: 'At Lucky Shrub, we specialize in succulents and drought-tolerant plants.',
    email: 'lucky@luckyshrub.com',
    websites: ['https://www.luckyshrub.com/'],
    vertical: 'RETAIL',
    profilePictureUrl: 'https://pps.whatsapp.net/v/t61.24694-24/lucky-shrub-profile.jpg',
  };
}
