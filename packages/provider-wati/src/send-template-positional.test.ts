import { ValidationError } from '@switchboard/core';
import type { LoopbackServer } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { directWati, fixture, startWatiServer, TENANT, wire } from './__fixtures__/wati-server.js';

// WATI takes template parameters by name: positional ones are named from the account's template list.
const TEMPLATES = fixture<{ messageTemplates: Record<string, unknown>[] }>(
  'get-message-templates-response.json',
);

let server: LoopbackServer;
beforeAll(async () => {
  server = await startWatiServer([
    http.post(`${TENANT}/api/v2/sendTemplateMessage`, () =>
      HttpResponse.json(fixture('send-template-v2-response.json')),
    ),
    http.get(`${TENANT}/api/v1/getMessageTemplates`, () => HttpResponse.json(TEMPLATES)),
  ]);
});
afterEach(() => {
  server.assertNoUnhandledRequests();
  server.resetHandlers();
  server.clearRequests();
});
afterAll(() => server.close());

const named = {
  to: '+1 415-555-1234',
  type: 'template',
  template: { name: 'order_update', language: 'en_US', parameters: { name: 'John', ordernumber: '12345' } },
} as const;

const sends = () => server.requests.filter((request) => request.path.includes('sendTemplateMessage'));
const listCalls = () => server.requests.filter((request) => request.path.endsWith('/getMessageTemplates'));

describe('positional template parameters', () => {
  const positional = {
    ...named,
    template: { name: 'order_update', language: 'en_US', parameters: ['Ada', '42'] },
  };

  it('names them from the template list, fetched once and cached for later sends', async () => {
    const provider = directWati(server);
    await provider.send(positional);
    await provider.send({ ...positional, to: '14155550000' });
    expect(listCalls()).toHaveLength(1);
    expect(wire(listCalls()[0])).toMatchObject({
      method: 'GET',
      query: { pageSize: '100', pageNumber: '1' },
    });
    for (const request of sends()) {
      expect(request.json()).toStrictEqual({
        template_name: 'order_update',
        broadcast_name: 'order_update',
        parameters: [
          { name: 'name', value: 'Ada' },
          { name: 'ordernumber', value: '42' },
        ],
      });
    }
  });

  it('shares one in-flight fetch between concurrent sends', async () => {
    const provider = directWati(server);
    await Promise.all([provider.send(positional), provider.send(positional), provider.send(positional)]);
    expect(listCalls()).toHaveLength(1);
    expect(sends()).toHaveLength(3);
  });

  it('reads every page of the template list', async () => {
    const [first, second] = TEMPLATES.messageTemplates;
    server.use(
      http.get(`${TENANT}/api/v1/getMessageTemplates`, ({ request }) => {
        const page = new URL(request.url).searchParams.get('pageNumber');
        return HttpResponse.json(
          page === '1'
            ? {
                messageTemplates: [first],
                link: { prevPage: null, nextPage: 2, pageNumber: 1, pageSize: 100, total: 101 },
              }
            : {
                messageTemplates: [second],
                link: { prevPage: 1, nextPage: null, pageNumber: 2, pageSize: 100, total: 101 },
              },
        );
      }),
    );
    await directWati(server).send(positional);
    expect(listCalls().map((request) => request.query.get('pageNumber'))).toStrictEqual(['1', '2']);
    expect(sends()[0]?.json()).toMatchObject({ parameters: [{ name: 'name' }, { name: 'ordernumber' }] });
  });

  it('refreshes the cached list once when a template is missing from it', async () => {
    const provider = directWati(server);
    await provider.send(positional);
    server.use(
      http.get(`${TENANT}/api/v1/getMessageTemplates`, () =>
        HttpResponse.json({
          messageTemplates: [
            ...TEMPLATES.messageTemplates,
            {
              elementName: 'new_arrival',
              language: { value: 'en' },
              customParams: [{ paramName: 'product' }],
              status: 'APPROVED',
            },
          ],
        }),
      ),
    );
    await provider.send({
      ...positional,
      template: { name: 'new_arrival', language: 'en', parameters: ['Boots'] },
    });
    expect(listCalls()).toHaveLength(2);
    expect(sends()[1]?.json()).toMatchObject({ parameters: [{ name: 'product', value: 'Boots' }] });
  });

  it('fails with a ValidationError naming the template when it is not in the list, sending nothing', async () => {
    const error = await directWati(server)
      .send({ ...positional, template: { name: 'no_such_template', language: 'en', parameters: ['x'] } })
      .catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).fields).toStrictEqual(['template.parameters']);
    expect((error as Error).message).toContain(
      '"no_such_template" (en) is not in this WATI account\'s template list',
    );
    expect((error as Error).message).toContain('pass the parameters by name');
    expect(sends()).toHaveLength(0);
  });

  it('fails when the number of positional parameters differs from the template', async () => {
    await expect(
      directWati(server).send({ ...positional, template: { ...positional.template, parameters: ['Ada'] } }),
    ).rejects.toThrow(
      'Template "order_update" (en_US) takes 2 (name, ordernumber) but 1 positional parameter(s) were given',
    );
    expect(sends()).toHaveLength(0);
  });
});
