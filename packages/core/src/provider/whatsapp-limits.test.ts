import { describe, expect, it } from 'vitest';
import { MEDIA_MESSAGE_TYPES, MESSAGE_LIMITS } from '../model/outbound-message.js';
import { WHATSAPP_MEDIA_LIMITS, WHATSAPP_MESSAGE_LIMITS } from './whatsapp-limits.js';

describe('WhatsApp limits', () => {
  it('covers every media message type, with an extension per MIME type', () => {
    expect(Object.keys(WHATSAPP_MEDIA_LIMITS).sort()).toEqual([...MEDIA_MESSAGE_TYPES].sort());
    for (const limit of Object.values(WHATSAPP_MEDIA_LIMITS)) {
      expect(limit.extensions).toHaveLength(limit.mimeTypes.length);
      expect(limit.maxBytes).toBeGreaterThan(0);
    }
  });

  it('matches Meta’s documented sizes, a static sticker being smaller than an animated one', () => {
    expect(WHATSAPP_MEDIA_LIMITS.image.maxBytes).toBe(5 * 1024 * 1024);
    expect(WHATSAPP_MEDIA_LIMITS.video.maxBytes).toBe(16 * 1024 * 1024);
    expect(WHATSAPP_MEDIA_LIMITS.audio.maxBytes).toBe(16 * 1024 * 1024);
    expect(WHATSAPP_MEDIA_LIMITS.document.maxBytes).toBe(100 * 1024 * 1024);
    expect(WHATSAPP_MEDIA_LIMITS.sticker).toMatchObject({ staticMaxBytes: 100 * 1024, maxBytes: 500 * 1024 });
  });

  it('states the neutral model’s message limits as provider limits', () => {
    expect(WHATSAPP_MESSAGE_LIMITS.textMaxLength).toBe(MESSAGE_LIMITS.textMaxLength);
    expect(WHATSAPP_MESSAGE_LIMITS.buttons).toEqual({ min: 1, max: 3, titleMaxLength: 20, idMaxLength: 256 });
    expect(WHATSAPP_MESSAGE_LIMITS.list.rowsMax).toBe(10);
  });
});
