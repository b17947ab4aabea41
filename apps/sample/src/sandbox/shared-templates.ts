import {
  DEFAULT_CLOUD_TEMPLATES,
  defaultWatiTemplates,
  type EmulatorTemplate,
  type WatiEmulatorTemplate,
} from '@switchboard/testing';

/**
 * The sandbox's templates: each emulator's own samples, plus the other's order template, so that
 * both sandboxes have `order_confirmation` (`Hi {{1}}, your order #{{2}}…`, positional) and
 * `order_update` (`Hi {{name}}, your order {{ordernumber}}…`, named) in `en_US`, and every template
 * example in the READMEs runs unchanged on either provider.
 */
export const SANDBOX_CLOUD_TEMPLATES: readonly EmulatorTemplate[] = [
  ...DEFAULT_CLOUD_TEMPLATES,
  {
    id: '1300112233445566',
    name: 'order_update',
    language: 'en_US',
    category: 'UTILITY',
    parameterFormat: 'NAMED',
    components: [
      {
        type: 'BODY',
        text: 'Hi {{name}}, your order {{ordernumber}} has shipped and is on its way.',
        example: {
          body_text_named_params: [
            { param_name: 'name', example: 'John' },
            { param_name: 'ordernumber', example: '12345' },
          ],
        },
      },
      { type: 'FOOTER', text: 'Reply STOP to opt out' },
    ],
  },
];

/** See {@link SANDBOX_CLOUD_TEMPLATES}. */
export const SANDBOX_WATI_TEMPLATES: readonly WatiEmulatorTemplate[] = [
  ...defaultWatiTemplates,
  {
    elementName: 'order_confirmation',
    category: 'UTILITY',
    language: 'en_US',
    body: 'Hi {{1}}, your order #{{2}} has been confirmed!',
    footer: 'Thank you for your purchase',
  },
];
