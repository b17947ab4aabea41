import { lazySchema } from '../internal/lazy-schema.js';
import * as z from '../internal/zod-mini.js';
import { interactiveText, MESSAGE_LIMITS, outboundBase, requireSectionTitles } from './outbound-base.js';

// Catalog messages (Meta interactive `product` / `product_list`; WATI V3 `product_message` /
// `product_list_message`), with the limits of Meta's OpenAPI file: ≤ 10 sections, ≤ 30 products.

const L = MESSAGE_LIMITS;

/** A product of a Meta commerce catalog, by its retailer id (Meta `product_retailer_id`). */
const productId = /* @__PURE__ */ lazySchema(() => z.string().check(z.minLength(1)));

/**
 * A single-product message: one item of the catalog linked to the business account. A header is
 * not allowed; `body` and `footer` are optional.
 */
export const productMessageSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    ...outboundBase,
    type: z.literal('product'),
    /** The catalog linked to the WhatsApp Business Account (Meta `catalog_id`). */
    catalogId: z.string().check(z.minLength(1)),
    productId,
    body: z.optional(interactiveText.body),
    footer: interactiveText.footer,
  }),
);

/**
 * A multi-product message: up to 30 distinct products of one catalog in up to 10 sections (titled
 * when there are several). The text `header` and the `body` are required.
 */
export const productListMessageSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .strictObject({
      ...outboundBase,
      type: z.literal('product_list'),
      catalogId: z.string().check(z.minLength(1)),
      header: z.string().check(z.minLength(1), z.maxLength(L.interactiveHeaderMaxLength)),
      body: interactiveText.body,
      footer: interactiveText.footer,
      sections: z
        .array(
          z.strictObject({
            /** Required when there is more than one section. */
            title: z.optional(z.string().check(z.minLength(1), z.maxLength(L.productSectionTitleMaxLength))),
            productIds: z.array(productId).check(z.minLength(1), z.maxLength(L.productItemsMax)),
          }),
        )
        .check(z.minLength(1), z.maxLength(L.productSectionsMax)),
    })
    .check(
      z.superRefine((message, ctx) => {
        const items = message.sections.flatMap((section) => section.productIds);
        if (items.length > L.productItemsMax) {
          ctx.addIssue({
            code: 'custom',
            path: ['sections'],
            message: `a product list may hold at most ${L.productItemsMax} products in all sections together (got ${items.length})`,
          });
        }
        requireSectionTitles(message.sections, ctx);
        const seen = new Set<string>();
        message.sections.forEach((section, sectionIndex) => {
          section.productIds.forEach((id, index) => {
            if (seen.has(id)) {
              ctx.addIssue({
                code: 'custom',
                path: ['sections', sectionIndex, 'productIds', index],
                message: 'product ids must be unique across sections',
              });
            }
            seen.add(id);
          });
        });
      }),
    ),
);
