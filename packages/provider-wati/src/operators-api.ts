import { parseOrThrow, phoneSchema } from '@switchboard/core';
import { z } from 'zod';
import { WATI_RATE_LIMIT_GROUPS } from './rate-limits.js';
import type { WatiClient } from './wati-client.js';
import { WATI_PROVIDER_ID } from './wati-options.js';

const assignSchema = z.object({ phone: phoneSchema, email: z.email() });
const resultSchema = z.looseObject({ result: z.unknown().optional() }).nullish();

/**
 * `operators.assign`: `POST /api/v1/assignOperator?email=…&whatsappNumber=…` (no body). An unknown
 * operator e-mail comes back as a soft failure (`result: false` with `info`), thrown as an `ApiError`.
 */
export async function assignOperator(client: WatiClient, phone: string, email: string): Promise<void> {
  const parsed = parseOrThrow(
    assignSchema,
    { phone, email },
    { what: 'operator assignment', provider: WATI_PROVIDER_ID },
  );
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
