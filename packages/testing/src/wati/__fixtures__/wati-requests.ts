import { auth, type Loose, looseFetch } from './wati-test-kit.js';

// Test-only: the WATI requests several test files make, as plain fetch calls.

/** Headers of a JSON request with the default token. */
export const json = { ...auth, 'content-type': 'application/json' };

/** A v4 UUID, as WATI's `localMessageId`s are. */
export const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The seeded `order_update` template with both its parameters. */
export const orderUpdate = {
  template_name: 'order_update',
  broadcast_name: 'order_update',
  parameters: [
    { name: 'name', value: 'John' },
    { name: 'ordernumber', value: '12345' },
  ],
};

/** POSTs `body` as JSON and answers the status and parsed body. */
export async function post(url: string, body: unknown, headers: Record<string, string> = json) {
  const response = await looseFetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Loose };
}

/** A session text to `waId` with the extra query `query`; answers the `message` object. */
export async function sendText(tenantUrl: string, waId: string, query: string) {
  const response = await looseFetch(`${tenantUrl}/api/v1/sendSessionMessage/${waId}?${query}`, {
    method: 'POST',
    headers: auth,
  });
  return (await response.json()).message as Record<string, string>;
}

/** `order_update` to `waId` through `sendTemplateMessage` v1 or v2; answers the parsed body. */
export async function sendTemplate(tenantUrl: string, waId: string, version: 1 | 2): Promise<Loose> {
  const response = await looseFetch(
    `${tenantUrl}/api/v${version}/sendTemplateMessage?whatsappNumber=${waId}`,
    {
      method: 'POST',
      headers: json,
      body: JSON.stringify(orderUpdate),
    },
  );
  return response.json();
}
