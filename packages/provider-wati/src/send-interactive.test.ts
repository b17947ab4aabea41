import { ApiError, type OutboundMessage, ValidationError } from '@switchboard/core';
import type { LoopbackServer } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { directWati, startWatiServer, TENANT, TOKEN, wire } from './__fixtures__/wati-server.js';

// The interactive endpoints' answer: `{ ok, errors, message: { id, … } }`, as WATI clients record it.
const INTERACTIVE_RESPONSE = {
  ok: true,
  errors: [],
  message: {
    id: '6941aa00bb11cc22dd33ee44',
    conversationId: '68cba32b3349e57578adb12b',
    ticketId: '693f7a0a8545f54d1d45f540',
    created: '2026-09-15T09:40:00.000Z',
    type: 'interactive',
    status: 1,
    statusString: 'SENT',
    text: 'Your order #12345 is ready. What would you like to do?',
  },
};

let server: LoopbackServer;
beforeAll(async () => {
  server = await startWatiServer([
    http.post(`${TENANT}/api/v1/sendInteractiveButtonsMessage`, () =>
      HttpResponse.json(INTERACTIVE_RESPONSE),
    ),
    http.post(`${TENANT}/api/v1/sendInteractiveListMessage`, () => HttpResponse.json(INTERACTIVE_RESPONSE)),
  ]);
});
afterEach(() => {
  server.assertNoUnhandledRequests();
  server.resetHandlers();
  server.clearRequests();
});
afterAll(() => server.close());

const buttons = {
  to: '14155551234',
  type: 'buttons',
  header: 'Order Status',
  body: 'Your order #12345 is ready. What would you like to do?',
  footer: 'Reply within 24 hours',
  buttons: [
    { id: 'track', title: 'Track Order' },
    { id: 'support', title: 'Contact Support' },
  ],
} satisfies OutboundMessage;

const list = {
  to: '14155551234',
  type: 'list',
  header: 'Choose an option',
  body: 'Please select from the menu below',
  footer: 'Powered by WATI',
  buttonText: 'View Options',
  sections: [
    {
      title: 'Products',
      rows: [
        { id: 'a', title: 'Product A', description: 'Best seller item' },
        { id: 'b', title: 'Product B' },
      ],
    },
  ],
} satisfies OutboundMessage;

describe('send buttons (sendInteractiveButtonsMessage)', () => {
  it('sends the text header, body, footer and button titles without ids', async () => {
    const result = await directWati(server).send(buttons);
    const [request] = server.requests;
    expect(wire(request)).toStrictEqual({
      method: 'POST',
      path: `${TENANT}/api/v1/sendInteractiveButtonsMessage`,
      query: { whatsappNumber: '14155551234' },
      contentType: 'application/json',
      authorization: `Bearer ${TOKEN}`,
      matonConnection: null,
    });
    expect(request?.json()).toStrictEqual({
      header: { type: 'text', text: 'Order Status' },
      body: 'Your order #12345 is ready. What would you like to do?',
      footer: 'Reply within 24 hours',
      buttons: [{ text: 'Track Order' }, { text: 'Contact Support' }],
    });
    expect(result).toStrictEqual({
      id: '6941aa00bb11cc22dd33ee44',
      provider: 'wati',
      to: '14155551234',
      status: 'accepted',
      providerIds: { id: '6941aa00bb11cc22dd33ee44' },
      raw: INTERACTIVE_RESPONSE,
    });
  });

  it('leaves out an absent header and footer', async () => {
    await directWati(server).send({
      to: '14155551234',
      type: 'buttons',
      body: 'Yes or no?',
      buttons: [{ id: 'y', title: 'Yes' }],
    });
    expect(server.requests[0]?.json()).toStrictEqual({ body: 'Yes or no?', buttons: [{ text: 'Yes' }] });
  });

  it('turns ok:false with errors into an ApiError', async () => {
    server.use(
      http.post(`${TENANT}/api/v1/sendInteractiveButtonsMessage`, () =>
        HttpResponse.json({ ok: false, errors: ['Ticket has been expired.'], message: null }),
      ),
    );
    const error = await directWati(server)
      .send(buttons)
      .catch((caught: unknown) => caught);
    expect(ApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'session_window_closed', status: 200 });
  });

  it('treats a non-empty errors list without a message as a refusal', async () => {
    server.use(
      http.post(`${TENANT}/api/v1/sendInteractiveButtonsMessage`, () =>
        HttpResponse.json({ errors: ['Button text too long'] }),
      ),
    );
    await expect(directWati(server).send(buttons)).rejects.toThrow(
      'WATI did not accept send.buttons (HTTP 200): "Button text too long"',
    );
  });
});

describe('send list (sendInteractiveListMessage)', () => {
  it('sends a string header, the button text and sections of rows without ids', async () => {
    const result = await directWati(server).send(list);
    const [request] = server.requests;
    expect(wire(request)).toStrictEqual({
      method: 'POST',
      path: `${TENANT}/api/v1/sendInteractiveListMessage`,
      query: { whatsappNumber: '14155551234' },
      contentType: 'application/json',
      authorization: `Bearer ${TOKEN}`,
      matonConnection: null,
    });
    expect(request?.json()).toStrictEqual({
      header: 'Choose an option',
      body: 'Please select from the menu below',
      footer: 'Powered by WATI',
      buttonText: 'View Options',
      sections: [
        {
          title: 'Products',
          rows: [{ title: 'Product A', description: 'Best seller item' }, { title: 'Product B' }],
        },
      ],
    });
    expect(result.id).toBe('6941aa00bb11cc22dd33ee44');
  });

  it('refuses rows with the same title, since replies identify rows by title', async () => {
    const error = await directWati(server)
      .send({
        ...list,
        sections: [
          { title: 'Morning', rows: [{ id: 'm1', title: 'Tuesday' }] },
          { title: 'Evening', rows: [{ id: 'e1', title: 'Tuesday' }] },
        ],
      })
      .catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).fields).toStrictEqual(['sections.1.rows.0.title']);
    expect(server.requests).toHaveLength(0);
  });
});
