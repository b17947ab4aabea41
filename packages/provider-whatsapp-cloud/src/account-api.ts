import {
  type AccountFacet,
  type BusinessProfile,
  type BusinessProfileUpdate,
  businessProfileUpdateSchema,
  type PhoneNumberInfo,
  parseOrThrow,
  urlPath,
} from '@switchboard/core';
import type { z } from 'zod/mini';
import { compact } from './compact.js';
import {
  businessProfileResponseSchema,
  graphPhoneNumberSchema,
  phoneNumberListResponseSchema,
} from './graph-schemas.js';
import type { WhatsAppCloudClient } from './whatsapp-cloud-client.js';
import { WHATSAPP_CLOUD_PROVIDER_ID } from './whatsapp-cloud-options.js';

/** The fields of Meta's business-profile example; Graph returns only the fields asked for. */
const PROFILE_FIELDS = 'about,address,description,email,profile_picture_url,websites,vertical';
/** A WhatsApp Business Account holds a handful of numbers; this bounds a paging loop that never ends. */
const MAX_PHONE_NUMBER_PAGES = 20;

function toPhoneNumberInfo(number: z.output<typeof graphPhoneNumberSchema>): PhoneNumberInfo {
  return {
    id: number.id,
    displayPhoneNumber: number.display_phone_number,
    ...(number.verified_name ? { verifiedName: number.verified_name } : {}),
    ...(number.quality_rating ? { qualityRating: number.quality_rating } : {}),
    raw: number,
  };
}

const present = (value: string | null | undefined) => (value ? value : undefined);

/** The `account` facet of a WhatsApp Cloud provider: `phoneNumbers`, `businessProfile` and `updateBusinessProfile`. */
export function createAccountFacet(client: WhatsAppCloudClient): AccountFacet {
  const { phoneNumberId } = client.options;
  return {
    /**
     * Every number of the business account (`GET /{waba-id}/phone_numbers`, all pages) when
     * `businessAccountId` is set, else the configured number (`GET /{phone-number-id}`).
     */
    async phoneNumbers(): Promise<PhoneNumberInfo[]> {
      const waba = client.options.businessAccountId;
      if (waba === undefined) {
        const { data: number } = await client.call(
          { method: 'GET', path: urlPath`/${phoneNumberId}`, operation: 'account.phoneNumbers' },
          graphPhoneNumberSchema,
        );
        return [toPhoneNumberInfo(number)];
      }
      const numbers: PhoneNumberInfo[] = [];
      let after: string | undefined;
      for (let page = 0; page < MAX_PHONE_NUMBER_PAGES; page++) {
        const { data } = await client.call(
          {
            method: 'GET',
            path: urlPath`/${waba}/phone_numbers`,
            query: { after },
            operation: 'account.phoneNumbers',
          },
          phoneNumberListResponseSchema,
        );
        for (const number of data.data) numbers.push(toPhoneNumberInfo(number));
        const next = data.paging?.cursors?.after;
        if (!data.paging?.next || !next || next === after) break;
        after = next;
      }
      return numbers;
    },

    /** `GET /{phone-number-id}/whatsapp_business_profile?fields=…`, whose answer is `{ data: [profile] }`. */
    async businessProfile(): Promise<BusinessProfile> {
      const { data } = await client.call(
        {
          method: 'GET',
          path: urlPath`/${phoneNumberId}/whatsapp_business_profile`,
          query: { fields: PROFILE_FIELDS },
          operation: 'account.businessProfile',
        },
        businessProfileResponseSchema,
      );
      const profile = data.data[0];
      if (profile === undefined) return {};
      const websites = (profile.websites ?? []).filter((website) => website !== '');
      return compact({
        about: present(profile.about),
        address: present(profile.address),
        description: present(profile.description),
        email: present(profile.email),
        websites: websites.length > 0 ? websites : undefined,
        vertical: present(profile.vertical),
        profilePictureUrl: present(profile.profile_picture_url),
      }) as BusinessProfile;
    },

    /** `POST /{phone-number-id}/whatsapp_business_profile` with the given fields and `messaging_product`. */
    async updateBusinessProfile(profile: BusinessProfileUpdate): Promise<void> {
      const update = parseOrThrow(businessProfileUpdateSchema, profile, {
        what: 'business profile update',
        provider: WHATSAPP_CLOUD_PROVIDER_ID,
      });
      await client.callForSuccess({
        method: 'POST',
        path: urlPath`/${phoneNumberId}/whatsapp_business_profile`,
        body: {
          type: 'json',
          value: compact({
            messaging_product: 'whatsapp',
            about: update.about,
            address: update.address,
            description: update.description,
            email: update.email,
            websites: update.websites,
            vertical: update.vertical,
            profile_picture_handle: update.profilePictureHandle,
          }),
        },
        // Applying the same profile twice leaves it as it was.
        idempotent: true,
        operation: 'account.updateBusinessProfile',
      });
    },
  };
}
