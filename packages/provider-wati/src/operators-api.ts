import { parseOrThrow, phoneSchema } from '@switchboard/core';
import { lazySchema } from '@switchboard/core/zod';
import * as z from 'zod/mini';
import { WATI_RATE_LIMIT_GROUPS } from './rate-limits.js';
import { assignV3Operator } from './v3-conversations-api.js';
import type { WatiClient } from './wati-client.js';
import { WATI_PROVIDER_ID } from './wati-options.js';

const assignSchema = /* @__PURE__ */ lazySchema(() => z.object({ phone: phoneSchema, email: z.email() }));
const resultSchema = /* @__PURE__ */ lazySchema(() =>
  z.nullish(z.looseObject({ result: z.optional(z.unknown()) })),
);

/**
 * `operators.assign`: `POST /api/v1/assignOperator?email=…&whatsappNumber=…` (no body); `api: 'v3'`:
 * `PUT /api/ext/v3/conversations/{number}/operator` with `{ assignee_email }`. An unknown
 * operator e-mail comes back as a soft failure (`result: false` with `info`), thrown as an `ApiError`.
 */
export async function assignOperator(client: WatiClient, phone: string, email: string): Promise<void> {
  const parsed = parseOrThrow(
    assignSchema,
    { phone, email },
    { what: 'operator assignment', provider: WATI_PROVIDER_ID },
  );
  if (client.options.api === 'v3') return assignV3Operator(client, parsed.phone, parsed.email);
  await client.call(
    {
      method: 'POST',
      path: '/api/v1/assignOperator',
      query: { email: parsed.email, whatsappNumber: parsed.phone },
      operation: 'operators.assign',
      rateLimitGroup: WATI_RATE_LIMIT_GROUPS.operators,
    },
    resultSchema,
  );
}
