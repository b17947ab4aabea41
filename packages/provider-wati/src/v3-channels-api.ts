import { lazySchema } from '@switchboard/core/zod';
import * as z from 'zod/mini';
import { WATI_RATE_LIMIT_GROUPS } from './rate-limits.js';
import { V3_MAX_PAGE_SIZE } from './v3-templates-api.js';
import type { WatiClient } from './wati-client.js';
import { WATI_V3_PATH_PREFIX } from './wati-options.js';
import { toText } from './wati-values.js';

/** A WATI channel other than the default one, as `GET /api/ext/v3/channels` lists it. */
export interface WatiChannel {
  /** WATI's channel id. */
  id: string;
  /** The channel's custom name: pass it as `providerOptions.wati.channel` to send from it. */
  name: string;
  /** The platform (`Whatsapp`, …). */
  platform: string | undefined;
  raw: unknown;
}

const channelsPageSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    channels: z.nullish(z.array(z.looseObject({ id: z.unknown(), name: z.unknown(), channel: z.unknown() }))),
  }),
);

// A guard against a server that keeps answering full pages.
const MAX_PAGES = 50;

/**
 * Every channel of the account except the default one (WATI's V3 list leaves it out), page after page
 * of `GET /api/ext/v3/channels?page_number&page_size`. V3 only: the provider attaches it only with
 * `api: 'v3'`, since the legacy API has no channel list.
 */
export async function listV3Channels(client: WatiClient, signal?: AbortSignal): Promise<WatiChannel[]> {
  const all: WatiChannel[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const response = await client.call(
      {
        method: 'GET',
        path: `${WATI_V3_PATH_PREFIX}/channels`,
        query: { page_number: page, page_size: V3_MAX_PAGE_SIZE },
        operation: 'channels.list',
        // An account-setup read like the template list; WATI documents no V3 per-endpoint limits.
        rateLimitGroup: WATI_RATE_LIMIT_GROUPS.templates,
        api: 'v3',
        ...(signal === undefined ? {} : { signal }),
      },
      channelsPageSchema,
    );
    const channels = response.data.channels ?? [];
    for (const channel of channels) {
      const id = toText(channel.id);
      const name = toText(channel.name);
      if (id !== undefined && name !== undefined)
        all.push({ id, name, platform: toText(channel.channel), raw: channel });
    }
    if (channels.length < V3_MAX_PAGE_SIZE) break;
  }
  return all;
}
