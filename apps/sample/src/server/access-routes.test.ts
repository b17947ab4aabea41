import * as crypto from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_CONTACTS } from '../sandbox/demo-contacts.js';
import { connectEventStream } from '../test-support/event-stream-client.js';
import { postJson, startSandboxApp } from '../test-support/sandbox-app.js';
import { SESSION_COOKIE } from './access-routes.js';
import type { RunningServer } from './start-server.js';

// Every secret comparison must go through `timingSafeEqual`: spy on it, keeping what it does.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const ada = DEMO_CONTACTS[0] as (typeof DEMO_CONTACTS)[number];
const TOKEN = 'guard-test-token-0123456789abcdef';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A request that does not follow redirects, so a test sees where it was sent. */
function request(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { redirect: 'manual', ...init });
}

/** POSTs the login form. */
function logIn(url: string, token: string, headers: Record<string, string> = {}): Promise<Response> {
  return request(`${url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ token }).toString(),
  });
}

/** The session cookie a login set, as `name=value` for a `cookie` header, and its attributes. */
function sessionCookie(response: Response): { pair: string; value: string; attributes: string[] } {
  const header = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`));
  if (header === undefined) throw new Error(`no ${SESSION_COOKIE} cookie in the answer`);
  const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
  return { pair, value: pair.slice(SESSION_COOKIE.length + 1), attributes };
}

async function expectUnauthorized(response: Response, challenge: RegExp = /^Bearer\b/): Promise<void> {
  expect(response.status).toBe(401);
  expect(response.headers.get('www-authenticate')).toMatch(challenge);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body).toMatchObject({ error: { code: 'unauthorized' } });
  expect(body.error.message).toContain('SWITCHBOARD_ACCESS_TOKEN');
  expect(JSON.stringify(body)).not.toContain(TOKEN);
}

describe('the access token', () => {
  let app: RunningServer;

  beforeAll(async () => {
    app = await startSandboxApp('whatsapp-cloud', { accessToken: TOKEN });
  });
  afterAll(() => app.close());
  beforeEach(() => {
    vi.mocked(crypto.timingSafeEqual).mockClear();
  });

  it('refuses the API without a bearer token: 401 unauthorized with WWW-Authenticate: Bearer', async () => {
    await expectUnauthorized(await request(`${app.url}/api/capabilities`));
    await expectUnauthorized(await request(`${app.url}/api/events`));
    await expectUnauthorized(await request(`${app.url}/api/nowhere`));
    const send = await postJson(`${app.url}/api/messages`, { type: 'text', to: ada.phone, text: 'Hi' });
    expect(send.status).toBe(401);
    expect(send.body).toMatchObject({ error: { code: 'unauthorized' } });
    expect(app.store.snapshot()).toStrictEqual([]);
  });

  it('refuses a wrong bearer token, and compares it in constant time', async () => {
    for (const wrong of ['nope', `${TOKEN}x`, TOKEN.slice(0, -1), TOKEN.toUpperCase()]) {
      await expectUnauthorized(
        await request(`${app.url}/api/capabilities`, { headers: bearer(wrong) }),
        /^Bearer .*error="invalid_token"/,
      );
    }
    await expectUnauthorized(
      await request(`${app.url}/api/capabilities`, { headers: { authorization: `Basic ${TOKEN}` } }),
    );
    const compare = vi.mocked(crypto.timingSafeEqual);
    expect(compare).toHaveBeenCalledTimes(5);
    for (const [presented, expected] of compare.mock.calls) {
      expect(Buffer.from(presented as Uint8Array)).toHaveLength(32);
      expect(Buffer.from(expected as Uint8Array)).toHaveLength(32);
    }
  });

  it('accepts the right bearer token on the API and the page', async () => {
    const capabilities = await request(`${app.url}/api/capabilities`, { headers: bearer(TOKEN) });
    expect(capabilities.status).toBe(200);
    expect(await capabilities.json()).toMatchObject({ provider: 'whatsapp-cloud', sandbox: true });
    expect(vi.mocked(crypto.timingSafeEqual)).toHaveBeenCalled();
    // The scheme is case-insensitive.
    expect(
      (await request(`${app.url}/api/session`, { headers: { authorization: `bearer ${TOKEN}` } })).status,
    ).toBe(200);
    const page = await request(`${app.url}/`, { headers: bearer(TOKEN) });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Switchboard inbox</title>');

    const send = await postJson(
      `${app.url}/api/messages`,
      { type: 'text', to: ada.phone, text: 'Sent with a bearer token' },
      bearer(TOKEN),
    );
    expect(send.status, JSON.stringify(send.body)).toBe(200);
    expect(send.body).toMatchObject({ to: ada.phone, status: 'accepted' });
  });

  it('sends the page to the login, which opens it with a session cookie that is not the token', async () => {
    const page = await request(`${app.url}/`);
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/login');
    expect((await request(`${app.url}/inbox.js`)).headers.get('location')).toBe('/login');

    const login = await request(`${app.url}/login`);
    expect(login.status).toBe(200);
    expect(login.headers.get('content-security-policy')).toContain("form-action 'self'");
    const form = await login.text();
    expect(form).toContain('action="/login"');
    expect(form).toMatch(/data-testid="login-error" hidden/);
    // What the login page loads besides itself is open.
    expect((await request(`${app.url}/styles.css`)).status).toBe(200);
    expect((await request(`${app.url}/favicon.svg`)).status).toBe(200);
    // Pages are served at their routes only.
    expect((await request(`${app.url}/login.html`, { headers: bearer(TOKEN) })).status).toBe(404);

    const wrong = await logIn(app.url, 'not-the-token-at-all');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.getSetCookie()).toStrictEqual([]);
    const again = await wrong.text();
    expect(again).toContain('data-testid="login-error"');
    expect(again).not.toMatch(/data-testid="login-error" hidden/);
    expect(again).not.toContain('not-the-token-at-all');

    const right = await logIn(app.url, TOKEN);
    expect(right.status).toBe(303);
    expect(right.headers.get('location')).toBe('/');
    const cookie = sessionCookie(right);
    expect(cookie.value).not.toContain(TOKEN);
    expect(cookie.value).not.toBe(encodeURIComponent(TOKEN));
    expect(cookie.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/']));
    expect(cookie.attributes).not.toContain('Secure');
    expect(cookie.attributes.some((attribute) => /^(max-age|expires)=/i.test(attribute))).toBe(false);

    const headers = { cookie: cookie.pair };
    expect((await request(`${app.url}/`, { headers })).status).toBe(200);
    expect((await request(`${app.url}/login`, { headers })).headers.get('location')).toBe('/');
    expect(await (await request(`${app.url}/api/session`, { headers })).json()).toStrictEqual({
      authentication: 'token',
      via: 'session',
    });
    const send = await postJson(
      `${app.url}/api/messages`,
      { type: 'text', to: ada.phone, text: 'Sent from a session' },
      headers,
    );
    expect(send.status, JSON.stringify(send.body)).toBe(200);
    // The event stream, as the page's EventSource opens it.
    const events = await connectEventStream(`${app.url}/api/events`, headers);
    events.close();

    // A session cookie is not a bearer token, and a forged one is refused.
    await expectUnauthorized(await request(`${app.url}/api/session`, { headers: bearer(cookie.value) }));
    const [id] = cookie.value.split('.');
    for (const forged of [`${id}.AAAA`, `${id}`, TOKEN, `${cookie.value}x`]) {
      await expectUnauthorized(
        await request(`${app.url}/api/session`, { headers: { cookie: `${SESSION_COOKIE}=${forged}` } }),
      );
    }
    // A wrong bearer token decides, even next to a valid session.
    await expectUnauthorized(
      await request(`${app.url}/api/session`, { headers: { ...headers, ...bearer('wrong-token') } }),
    );
  });

  it('ends the session at logout', async () => {
    const cookie = sessionCookie(await logIn(app.url, TOKEN));
    const headers = { cookie: cookie.pair };
    expect((await request(`${app.url}/api/session`, { headers })).status).toBe(200);

    const logout = await request(`${app.url}/logout`, { method: 'POST', headers });
    expect(logout.status).toBe(303);
    expect(logout.headers.get('location')).toBe('/login');
    const cleared = sessionCookie(logout);
    expect(cleared.value).toBe('');
    expect(cleared.attributes).toEqual(expect.arrayContaining(['Max-Age=0', 'Path=/']));

    // The old cookie no longer opens anything, even if the browser kept it.
    await expectUnauthorized(await request(`${app.url}/api/session`, { headers }));
    expect((await request(`${app.url}/`, { headers })).headers.get('location')).toBe('/login');
  });

  it('refuses a login or logout posted from another site', async () => {
    const foreign = await logIn(app.url, TOKEN, { origin: 'https://attacker.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.getSetCookie()).toStrictEqual([]);
    const crossSite = await logIn(app.url, TOKEN, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    // The page's own form passes.
    expect((await logIn(app.url, TOKEN, { origin: app.url })).status).toBe(303);
    expect((await logIn(app.url, TOKEN, { 'sec-fetch-site': 'same-origin' })).status).toBe(303);
  });

  it('lets the token, not the Host name, guard an app a tunnel forwards whole', async () => {
    const port = Number(new URL(app.url).port);
    // fetch() cannot set Host; node:http can, as a tunnel or proxy would.
    const status = (path: string, headers: Record<string, string>) =>
      new Promise<number | undefined>((resolve, reject) => {
        const outgoing = httpRequest(
          { host: '127.0.0.1', port, path, headers: { host: 'inbox.example.com', ...headers } },
          (response) => {
            response.resume();
            resolve(response.statusCode);
          },
        );
        outgoing.on('error', reject);
        outgoing.end();
      });
    expect(await status('/api/capabilities', {})).toBe(401);
    expect(await status('/api/capabilities', bearer(TOKEN))).toBe(200);
    expect(await status('/', {})).toBe(303);
    expect(await status('/login', {})).toBe(200);
  });

  it('marks the cookie Secure when the browser talks HTTPS to a proxy in front', async () => {
    const cookie = sessionCookie(await logIn(app.url, TOKEN, { 'x-forwarded-proto': 'https' }));
    expect(cookie.attributes).toContain('Secure');
  });

  it('takes the login as a small form only', async () => {
    const json = await request(`${app.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: TOKEN }),
    });
    expect(json.status).toBe(400);
    expect(json.headers.getSetCookie()).toStrictEqual([]);
    const huge = await logIn(app.url, `${TOKEN}${'x'.repeat(8192)}`);
    expect(huge.status).toBe(413);
    expect(huge.headers.getSetCookie()).toStrictEqual([]);
  });

  it('leaves /healthz and the webhooks open: they need no token', async () => {
    const health = await request(`${app.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, provider: 'whatsapp-cloud' });

    // The emulator delivers statuses and inbound messages to /webhooks/whatsapp-cloud without the
    // token, signed with the app secret: they reach the inbox and the event stream.
    const events = await connectEventStream(`${app.url}/api/events`, bearer(TOKEN));
    try {
      const send = await postJson(
        `${app.url}/api/messages`,
        { type: 'text', to: ada.phone, text: 'Watch the ticks' },
        bearer(TOKEN),
      );
      expect(send.status).toBe(200);
      const id = send.body.id;
      await events.waitFor(
        (event) =>
          event.event === 'message' &&
          (event.data as { messageId?: unknown }).messageId === id &&
          (event.data as { status?: unknown }).status === 'delivered',
      );
      const inbound = await postJson(
        `${app.url}/api/sandbox/inbound`,
        { from: ada.phone, text: 'Through the webhook' },
        bearer(TOKEN),
      );
      expect(inbound.status).toBe(200);
      await events.waitFor(
        (event) =>
          event.event === 'message' &&
          (event.data as { message?: { text?: unknown } }).message?.text === 'Through the webhook',
      );
    } finally {
      events.close();
    }

    // A forged delivery is refused by the provider's own verification, not by the access token.
    const forged = await request(`${app.url}/webhooks/whatsapp-cloud`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ object: 'whatsapp_business_account', entry: [] }),
    });
    expect(forged.status).toBe(401);
    expect(forged.headers.get('www-authenticate')).toBeNull();
    expect(await forged.text()).not.toContain('SWITCHBOARD_ACCESS_TOKEN');
    // The handshake answers without the token too (and refuses a wrong verify token by itself).
    const handshake = await request(
      `${app.url}/webhooks/whatsapp-cloud?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=42`,
    );
    expect(handshake.status).not.toBe(303);
    expect(handshake.headers.get('www-authenticate')).toBeNull();
  });
});

describe('without an access token', () => {
  let app: RunningServer;

  beforeAll(async () => {
    app = await startSandboxApp('wati');
  });
  afterAll(() => app.close());

  it('works as before on loopback: no login, no bearer', async () => {
    expect((await request(`${app.url}/`)).status).toBe(200);
    expect((await request(`${app.url}/api/capabilities`)).status).toBe(200);
    expect(await (await request(`${app.url}/api/session`)).json()).toStrictEqual({ authentication: 'none' });
    expect((await request(`${app.url}/login`)).headers.get('location')).toBe('/');
    const send = await postJson(`${app.url}/api/messages`, { type: 'text', to: ada.phone, text: 'Open' });
    expect(send.status, JSON.stringify(send.body)).toBe(200);
  });
});
