import type { MediaMessageType } from '../model/outbound-message.js';

/** Size and type limits of one kind of media. */
export interface MediaLimit {
  /** The largest file accepted (for stickers: an animated one). */
  maxBytes: number;
  mimeTypes: readonly string[];
  /** A lower limit for static files where the provider distinguishes them (WhatsApp stickers: 100 KB static, 500 KB animated). */
  staticMaxBytes?: number;
}

/**
 * The limits a provider enforces, as data, so an app can adapt its UI before sending.
 * Lengths count UTF-16 code units, as JavaScript strings do.
 */
export interface ProviderLimits {
  textMaxLength: number;
  captionMaxLength: number;
  buttons: { min: number; max: number; titleMaxLength: number; idMaxLength: number };
  list: {
    sectionsMax: number;
    rowsMax: number;
    rowTitleMaxLength: number;
    rowDescriptionMaxLength: number;
    buttonTextMaxLength: number;
  };
  interactive: { bodyMaxLength: number; headerMaxLength: number; footerMaxLength: number };
  /** `cta_url`: the button label. */
  ctaUrl: { buttonTextMaxLength: number };
  /** `flow`: the button label. */
  flow: { buttonTextMaxLength: number };
  /** `product_list`: sections, products in all sections together, section titles. */
  productList: { sectionsMax: number; productsMax: number; sectionTitleMaxLength: number };
  /** Largest bulk request the provider takes in one call; larger ones are split. */
  bulkBatchSize: number;
  /** Limits of media the adapter uploads or attaches, per message type. */
  media: Partial<Record<MediaMessageType, MediaLimit>>;
}
