import { createHash } from 'node:crypto';
import type { CloudBusinessProfile } from './cloud-emulator-types.js';
import { graphErrors } from './graph-error.js';
import {
  type CloudEmulatorContext,
  type GraphRequest,
  graphJson,
  pickFields,
  readJsonObject,
  requestedFields,
} from './graph-request.js';

const NODE_TYPE = 'WhatsAppBusinessProfile';
/** In the order of Meta's example answer. */
const FIELDS = [
  'about',
  'address',
  'description',
  'email',
  'messaging_product',
  'profile_picture_url',
  'websites',
  'vertical',
];

function profileView(profile: CloudBusinessProfile): Record<string, unknown> {
  return {
    about: profile.about,
    address: profile.address,
    description: profile.description,
    email: profile.email,
    messaging_product: 'whatsapp',
    profile_picture_url: profile.profilePictureUrl,
    websites: profile.websites,
    vertical: profile.vertical,
  };
}

/**
 * `GET /{phone-number-id}/whatsapp_business_profile`: `{ data: [profile] }`, flat as Meta's documentation
 * shows it (the OpenAPI file's nested `business_profile` wrapper is wrong). `messaging_product` is always there.
 */
export function getBusinessProfile(
  ctx: CloudEmulatorContext,
  req: GraphRequest,
  phoneNumberId: string,
): Response {
  const fields = requestedFields(req.url, FIELDS, FIELDS, NODE_TYPE);
  if (!fields.includes('messaging_product')) fields.push('messaging_product');
  const profile = ctx.store.businessProfiles.get(phoneNumberId) ?? {};
  return graphJson({ data: [pickFields(profileView(profile), fields)] });
}

/** `POST /{phone-number-id}/whatsapp_business_profile`: validated against Meta's (fixed) update schema. */
export async function updateBusinessProfile(
  ctx: CloudEmulatorContext,
  req: GraphRequest,
  phoneNumberId: string,
): Promise<Response> {
  const body = await readJsonObject(req.request);
  const violation = (await ctx.validator()).validate('WhatsAppBusinessProfileUpdateRequest', body);
  if (violation !== undefined) throw graphErrors.schemaViolation(violation);
  const profile = ctx.store.businessProfiles.get(phoneNumberId) ?? {};
  // The schema vouched for these types.
  const update = body as {
    about?: string;
    address?: string;
    description?: string;
    email?: string;
    websites?: string[];
    vertical?: string;
    profile_picture_handle?: string;
  };
  if (update.about !== undefined) profile.about = update.about;
  if (update.address !== undefined) profile.address = update.address;
  if (update.description !== undefined) profile.description = update.description;
  if (update.email !== undefined) profile.email = update.email;
  if (update.websites !== undefined) profile.websites = [...update.websites];
  if (update.vertical !== undefined) profile.vertical = update.vertical;
  if (update.profile_picture_handle !== undefined) {
    // Meta turns the upload handle into a CDN URL; a digest of the handle stands in for the file name.
    const name = createHash('sha256').update(update.profile_picture_handle).digest('hex').slice(0, 16);
    profile.profilePictureUrl = `https://pps.whatsapp.net/v/t61.24694-24/${name}.jpg`;
  }
  ctx.store.businessProfiles.set(phoneNumberId, profile);
  return graphJson({ success: true });
}
