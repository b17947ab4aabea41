import { z } from 'zod';
import { recordOutbound, sessionRecipient, toSentMessageJson } from '../outbound-message.js';
import type { WatiEmulatorContext } from '../wati-context.js';
import { readJsonBody, validate } from '../wati-request-body.js';
import { watiJson, watiValidationProblem } from '../wati-responses.js';
import type { WatiRoute } from '../wati-route.js';

// WhatsApp's interactive-message limits (Meta's, which WATI passes on).
const bodyText = z.string().min(1, 'The body field is required.').max(1024);
const footerText = z.string().max(60).nullish();

const buttonsSchema = z.looseObject({
  header: z
    .looseObject({
      // WATI's own clients send `Text`/`Image`/…, Maton's reference `text`: accept either case.
      type: z.string().refine((type) => ['text', 'image', 'video', 'document'].includes(type.toLowerCase()), {
        message: 'header.type must be Text, Image, Video or Document.',
      }),
      text: z.string().max(60).nullish(),
      media: z.looseObject({ url: z.string().min(1), fileName: z.string().nullish() }).nullish(),
    })
    .nullish(),
  body: bodyText,
  footer: footerText,
  buttons: z
    .array(z.looseObject({ text: z.string().min(1, 'A button needs a text.').max(20) }))
    .min(1, 'At least one button is required.')
    .max(3, 'At most 3 buttons are allowed.')
    .refine((buttons) => new Set(buttons.map((button) => button.text)).size === buttons.length, {
      message: 'Button texts must be unique.',
    }),
});

const listSchema = z.looseObject({
  header: z.string().max(60).nullish(),
  body: bodyText,
  footer: footerText,
  buttonText: z.string().min(1, 'The buttonText field is required.').max(20),
  sections: z
    .array(
      z.looseObject({
        title: z.string().max(24).nullish(),
        rows: z
          .array(
            z.looseObject({
              title: z.string().min(1, 'A row needs a title.').max(24),
              description: z.string().max(72).nullish(),
            }),
          )
          .min(1, 'A section needs at least one row.'),
      }),
    )
    .min(1, 'At least one section is required.')
    .max(10)
    .refine((sections) => sections.reduce((total, section) => total + section.rows.length, 0) <= 10, {
      message: 'A list can hold at most 10 rows across all sections.',
    }),
});

function interactiveRoute(
  context: WatiEmulatorContext,
  pattern: string,
  schema: typeof buttonsSchema | typeof listSchema,
): WatiRoute {
  return {
    method: 'POST',
    pattern,
    async resolve({ request, url }) {
      const raw = await readJsonBody(request, z.unknown());
      if (!raw.ok) return raw.response;
      const body = validate(schema, raw.value);
      if (!body.ok) return body.response;
      const whatsappNumber = url.searchParams.get('whatsappNumber');
      if (whatsappNumber === null || whatsappNumber === '') {
        return watiValidationProblem({ whatsappNumber: ['The whatsappNumber field is required.'] });
      }
      const recipient = sessionRecipient(context, whatsappNumber);
      if (!recipient.ok) return recipient.response;
      const message = recordOutbound(context, recipient.contact, {
        kind: 'session',
        type: 'interactive',
        text: body.value.body,
        interactiveData: raw.value,
      });
      // Captured responses have `ok`, `errors` and `message`; `result` is added so clients that check it agree.
      return watiJson({ ok: true, result: 'success', errors: [], message: toSentMessageJson(message) });
    },
  };
}

/**
 * `POST /api/v1/sendInteractiveButtonsMessage?whatsappNumber=` (1–3 buttons `{ text }`, no ids) and
 * `POST /api/v1/sendInteractiveListMessage?whatsappNumber=` (`buttonText`, sections of rows
 * `{ title, description }`, at most 10 rows). Session messages: the 24-hour window applies.
 */
export function interactiveRoutes(context: WatiEmulatorContext): WatiRoute[] {
  return [
    interactiveRoute(context, '/api/v1/sendInteractiveButtonsMessage', buttonsSchema),
    interactiveRoute(context, '/api/v1/sendInteractiveListMessage', listSchema),
  ];
}
