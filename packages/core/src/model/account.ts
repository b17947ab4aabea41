import { lazySchema } from '../internal/lazy-schema.js';
import * as z from '../internal/zod-mini.js';
import { binaryDataSchema, byteLength, mimeTypeSchema } from './media.js';

/** A business phone number registered with the provider. */
export const phoneNumberInfoSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    id: z.string(),
    /** As the provider displays it, e.g. `+1 555-078-3881`. */
    displayPhoneNumber: z.string(),
    verifiedName: z.optional(z.string()),
    qualityRating: z.optional(z.string()),
    raw: z.unknown(),
  }),
);

/** A business phone number; see {@link phoneNumberInfoSchema}. */
export type PhoneNumberInfo = z.infer<typeof phoneNumberInfoSchema>;

/** The public WhatsApp profile of the business. */
export const businessProfileSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    about: z.optional(z.string().check(z.maxLength(139))),
    address: z.optional(z.string().check(z.maxLength(256))),
    description: z.optional(z.string().check(z.maxLength(512))),
    email: z.optional(z.email().check(z.maxLength(128))),
    websites: z.optional(z.array(z.url()).check(z.maxLength(2))),
    /** Industry, e.g. `RETAIL`, `EDU`, `OTHER`. */
    vertical: z.optional(z.string()),
    /** Read-only: where the profile picture is served. */
    profilePictureUrl: z.optional(z.string()),
  }),
);

/** The business profile; see {@link businessProfileSchema}. */
export type BusinessProfile = z.infer<typeof businessProfileSchema>;
/** Fields to change in the business profile. */
export const businessProfileUpdateSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .extend(z.omit(businessProfileSchema, { profilePictureUrl: true }), {
      profilePictureHandle: z.optional(z.string().check(z.minLength(1))),
    })
    .check(
      z.refine(
        (update) => Object.values(update).some((value) => value !== undefined),
        'give at least one field to update',
      ),
    ),
);
/** Fields to change in the business profile. */
export type BusinessProfileUpdate = z.input<typeof businessProfileUpdateSchema>;

/** A file to upload to the provider's media store. */
export const mediaUploadSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    data: binaryDataSchema.check(z.refine((data) => byteLength(data) > 0, 'must not be empty')),
    mimeType: mimeTypeSchema,
    filename: z.optional(z.string().check(z.minLength(1), z.maxLength(240))),
  }),
);

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
