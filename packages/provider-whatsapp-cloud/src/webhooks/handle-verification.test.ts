import { describe, expect, it } from 'vitest';
import { VERIFY_TOKEN } from '../__fixtures__/graph-server.js';
import { webhookCloud } from '../__fixtures__/webhook-deliveries.js';

const query = (params: Record<string, string>) => new URLSearchParams(params).toString();
const handshake = {
  'hub.mode': 'subscribe',
  'hub.verify_token': VERIFY_TOKEN,
  'hub.challenge': '1158201444',
};

describe('webhooks.handleVerification', () => {
  it('echoes the challenge as plain text with 200 when the token matches', async () => {
    const response = webhookCloud().webhooks.handleVerification(
      new Request(`https://hooks.example.com/whatsapp?${query(handshake)}`),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('1158201444');
  });

  it('takes a URL or a path with a query', async () => {
    const cloud = webhookCloud();
    const fromUrl = cloud.webhooks.handleVerification(
      new URL(`https://hooks.example.com/w?${query(handshake)}`),
    );
    const fromPath = cloud.webhooks.handleVerification(`/webhooks/whatsapp?${query(handshake)}`);
    expect([fromUrl.status, await fromUrl.text()]).toEqual([200, '1158201444']);
    expect([fromPath.status, await fromPath.text()]).toEqual([200, '1158201444']);
  });

  it.each([
    ['a wrong token', { ...handshake, 'hub.verify_token': 'guess' }],
    [
      'a token that only starts like the right one',
      { ...handshake, 'hub.verify_token': VERIFY_TOKEN.slice(0, -1) },
    ],
    ['no token', { 'hub.mode': 'subscribe', 'hub.challenge': '1' }],
    ['another mode', { ...handshake, 'hub.mode': 'unsubscribe' }],
    ['no challenge', { 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN }],
  ])('answers 403 to %s', async (_label, params) => {
    const response = webhookCloud().webhooks.handleVerification(`/w?${query(params)}`);
    expect(response.status).toBe(403);
    expect(await response.text()).toBe('Forbidden');
  });

  it('answers 403 when no verify token is configured', () => {
    const response = webhookCloud({ verifyToken: undefined }).webhooks.handleVerification(
      `/w?${query(handshake)}`,
    );
    expect(response.status).toBe(403);
  });

  it('answers 403 to a URL it cannot parse', () => {
    expect(webhookCloud().webhooks.handleVerification('http://[::1').status).toBe(403);
  });
});
