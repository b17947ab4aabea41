import { z } from 'zod';

// WATI's V3 OpenAPI limits (ButtonsMessageDto, ListMessageDto) and WhatsApp's counts (3 buttons, 10 rows).
const body = z.string().min(1, 'The body field is required.').max(1024);
const footer = z.string().max(60).nullish();

/** V3 `button_message`: `{ header?: { type, text, media }, body, footer?, buttons: [{ text }] }`. */
export const buttonMessageSchema = z.strictObject({
  header: z
    .strictObject({
      type: z.string().refine((type) => ['text', 'image', 'video', 'document'].includes(type.toLowerCase())),
      text: z.string().max(60).nullish(),
      media: z.strictObject({ url: z.string().min(1), file_name: z.string().nullish() }).nullish(),
    })
    .nullish(),
  body,
  footer,
  buttons: z
    .array(z.strictObject({ text: z.string().min(1).max(20) }))
    .min(1)
    .max(3)
    .refine((buttons) => new Set(buttons.map((button) => button.text)).size === buttons.length),
});

/** V3 `list_message`: `{ header?, body, footer?, button_text, sections: [{ title, rows: [{ title, description }] }] }`. */
export const listMessageSchema = z.strictObject({
  header: z.string().max(60).nullish(),
  body,
  footer,
  button_text: z.string().min(1).max(20),
  sections: z
    .array(
      z.strictObject({
        title: z.string().max(24).nullish(),
        rows: z
          .array(
            z.strictObject({ title: z.string().min(1).max(24), description: z.string().max(72).nullish() }),
          )
          .min(1),
      }),
    )
    .min(1)
    .max(10)
    .refine((sections) => sections.reduce((total, section) => total + section.rows.length, 0) <= 10),
});
