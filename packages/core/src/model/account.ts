import * as z from 'zod';
import { binaryDataSchema, byteLength, mimeTypeSchema } from './media.js';

/** A business phone number registered with the provider. */
export const phoneNumberInfoSchema = z.strictObject({
  id: z.string(),
  /** As the provider displays it, e.g. `+1 555-078-3881`. */
  displayPhoneNumber: z.string(),
  verifiedName: z.string().optional(),
  qualityRating: z.string().optional(),
  raw: z.unknown(),
});

/** A business phone number; see {@link phoneNumberInfoSchema}. */
export type PhoneNumberInfo = z.infer<typeof phoneNumberInfoSchema>;

/** The public WhatsApp profile of the business. */
export const businessProfileSchema = z.strictObject({
  about: z.string().max(139).optional(),
  address: z.string().max(256).optional(),
  description: z.string().max(512).optional(),
  email: z.email().max(128).optional(),
  websites: z.array(z.url()).max(2).optional(),
  /** Industry, e.g. `RETAIL`, `EDU`, `OTHER`. */
  vertical: z.string().optional(),
  /** Read-only: where the profile picture is served. */
  profilePictureUrl: z.string().optional(),
});

/** The business profile; see {@link businessProfileSchema}. */
export type BusinessProfile = z.infer<typeof businessProfileSchema>;
/** Fields to change in the business profile. */
export const businessProfileUpdateSchema = businessProfileSchema
  .omit({ profilePictureUrl: true })
  .extend({ profilePictureHandle: z.string().min(1).optional() })
  .refine(
    (update) => Object.values(update).some((value) => value !== undefined),
    'give at least one field to update',
  );
/** Fields to change in the business profile. */
export type BusinessProfileUpdate = z.input<typeof businessProfileUpdateSchema>;

/** A file to upload to the provider's media store. */
export const mediaUploadSchema = z.strictObject({
  data: binaryDataSchema.refine((data) => byteLength(data) > 0, 'must not be empty'),
  mimeType: mimeTypeSchema,
  filename: z.string().min(1).max(240).optional(),
});

/** A file to upload. */
export type MediaUpload = z.input<typeof mediaUploadSchema>;

/** What the provider knows about a stored media file. */
export interface MediaInfo {
  id: string;
  /** Where to download it (Meta: a short-lived URL that needs the access token). */
  url?: string;
  mimeType?: string;
  sha256?: string;
  /** Size in bytes. */
  size?: number;
  /** The file itself, for providers that return bytes rather than a URL (WATI `getMedia`). */
  data?: Uint8Array;
  raw?: unknown;
}
