import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDER_IDS, PROVIDER_LABELS, type ProviderId } from '../providers.js';
import { DEMO_CONTACTS, DEMO_GREETING } from '../sandbox/demo-contacts.js';
import { type RunningServer, startServer } from '../server/start-server.js';

/** Debian's Chromium; CI installs it (see .ci/run). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = fileURLToPath(new URL('../../.reports/screenshots/', import.meta.url));
const ada = DEMO_CONTACTS[0] as (typeof DEMO_CONTACTS)[number];
/**
 * How long any wait on the page may take (Playwright's auto-waits, `expect.poll`): watchdogs below
 * the 60 s test timeout, not expectations. On a loaded machine a page load, a fetch or an event on
 * the stream can take seconds; Playwright's 30 s and `expect.poll`'s 1 s defaults are not meant for that.
 */
const PAGE_WAIT_MS = 45_000;
/**
 * The `read` status is held back until a test flushes the sandbox's webhooks: it cannot overtake
 * `delivered` before the page was looked at, however slow the machine (an hour never passes in a test).
 */
const HELD_MS = 3_600_000;

describe.each(PROVIDER_IDS)('the inbox page on %s', (providerId: ProviderId) => {
  let app: RunningServer;
  let profile: string;
  let browser: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    app = await startServer({
      config: {
        mode: 'sandbox',
        providerId,
        transport: 'direct',
        source: { kind: 'default' },
        reason: 'test',
      },
      port: 0,
      // `read` only comes when a test releases it (see HELD_MS), after it saw the `delivered` ticks.
      statusDelaysMs: { sent: 20, delivered: 20, read: HELD_MS },
    });
    profile = await mkdtemp(join(tmpdir(), 'switchboard-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-dev-shm-usage'],
      viewport: { width: 1200, height: 800 },
    });
    browser.setDefaultTimeout(PAGE_WAIT_MS);
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      // Chromium logs every non-2xx fetch; the validation test provokes a 400 on purpose.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        pageErrors.push(message.text());
    });
    await page.goto(app.url);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (profile !== undefined) await rm(profile, { recursive: true, force: true });
  });

  it('shows the provider, transport and sandbox mode, and the seeded conversation as unread', async () => {
    await expect
      .poll(() => page.getByTestId('provider-badge').textContent(), { timeout: PAGE_WAIT_MS })
      .toBe(PROVIDER_LABELS[providerId]);
    expect(await page.getByTestId('transport-badge').textContent()).toBe('transport: direct');
    expect(await page.getByTestId('mode-badge').textContent()).toBe('sandbox');
    await expect
      .poll(() => page.getByTestId('connection-state').textContent(), { timeout: PAGE_WAIT_MS })
      .toBe('live');
    const conversation = page.locator(`[data-testid="conversation"][data-phone="${ada.phone}"]`);
    await conversation.waitFor();
    expect(await conversation.textContent()).toContain(ada.name);
    expect(await conversation.getByTestId('unread-badge').textContent()).toBe('1');
  });

  it('greys out the message types the provider lacks', async () => {
    const location = page.locator('[data-testid="composer-type"] option[value="location"]');
    if (providerId === 'wati') {
      expect(await location.isDisabled()).toBe(true);
      expect(await location.getAttribute('title')).toBe('WATI cannot send locations (send.location)');
      expect(await page.getByTestId('unsupported-note').textContent()).toBe(
        'Not available on WATI: Location, Link button, Location request.',
      );
    } else {
      expect(await location.isDisabled()).toBe(false);
      expect(await page.getByTestId('unsupported-note').isHidden()).toBe(true);
    }
  });

  it('opens a conversation, clearing its unread badge', async () => {
    await page.locator(`[data-testid="conversation"][data-phone="${ada.phone}"]`).click();
    expect(await page.getByTestId('conversation-title').textContent()).toBe(ada.name);
    await page.getByTestId('message').filter({ hasText: DEMO_GREETING }).waitFor();
    expect(await page.getByTestId('unread-badge').count()).toBe(0);
    expect(await page.getByTestId('composer-to').inputValue()).toBe(`+${ada.phone}`);
  });

  it('sends from the composer and shows the message delivered, then read', async () => {
    await page.getByTestId('composer-text').fill('It left the warehouse this morning.');
    await page.getByTestId('composer-send').click();
    const message = page
      .locator('[data-testid="message"][data-direction="outbound"]')
      .filter({ hasText: 'It left the warehouse' });
    await message.and(page.locator('[data-status="delivered"]')).waitFor();
    expect(await message.getByTestId('message-status').getAttribute('title')).toBe('delivered');
    // Release the held `read` (sent at once, ahead of its due time) and see it replace `delivered`.
    await app.runtime.sandbox?.flushWebhooks();
    await message.and(page.locator('[data-status="read"]')).waitFor();
    expect(await message.getByTestId('message-status').getAttribute('title')).toBe('read');
    // The composer is cleared when the send's answer arrives, which the stream's events may overtake.
    await expect
      .poll(() => page.getByTestId('composer-text').inputValue(), { timeout: PAGE_WAIT_MS })
      .toBe('');
  });

  it('shows a simulated inbound reply in the conversation', async () => {
    expect(await page.getByTestId('sandbox-from').inputValue()).toBe(ada.phone);
    await page.getByTestId('sandbox-text').fill('Great, thank you!');
    await page.getByTestId('sandbox-send').click();
    await page
      .locator('[data-testid="message"][data-direction="inbound"]')
      .filter({ hasText: 'Great, thank you!' })
      .waitFor();
    // The open conversation is read as messages arrive.
    expect(await page.getByTestId('unread-badge').count()).toBe(0);
  });

  it('renders names and texts from webhooks as text, never as markup', async () => {
    const markup = '<img src=x onerror="document.title=\'pwned\'"><b>bold</b>';
    const response = await fetch(`${app.url}/api/sandbox/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '447700900999', name: markup, text: markup }),
    });
    expect(response.status).toBe(200);
    const conversation = page.locator('[data-testid="conversation"][data-phone="447700900999"]');
    await conversation.waitFor();
    expect(await conversation.locator('.conversation-name').textContent()).toBe(markup);
    expect(await conversation.locator('.conversation-preview').textContent()).toBe(markup);
    await conversation.click();
    expect(await page.getByTestId('conversation-title').textContent()).toBe(markup);
    expect(await page.getByTestId('message-text').last().textContent()).toBe(markup);
    expect(await page.locator('img, b').count()).toBe(0);
    expect(await page.title()).toBe('Switchboard inbox');
    // Back to the demo contact the next tests write to.
    await page.locator(`[data-testid="conversation"][data-phone="${ada.phone}"]`).click();
  });

  it('sends a link button and a location request where the provider can', async () => {
    if (providerId === 'wati') {
      for (const type of ['cta_url', 'location_request']) {
        const option = page.locator(`[data-testid="composer-type"] option[value="${type}"]`);
        expect(await option.isDisabled()).toBe(true);
      }
      return;
    }
    await page.getByTestId('composer-type').selectOption('cta_url');
    await page.getByTestId('composer-cta-body').fill('Track your parcel');
    await page.getByTestId('composer-cta-button-text').fill('Track');
    await page.getByTestId('composer-cta-url').fill('https://example.com/track/4711');
    await page.getByTestId('composer-send').click();
    await page
      .locator('[data-testid="message"][data-direction="outbound"]')
      .filter({ hasText: 'Track your parcel' })
      .waitFor();

    await page.getByTestId('composer-type').selectOption('location_request');
    await page.getByTestId('composer-location-request-body').fill('Where should we deliver?');
    await page.getByTestId('composer-send').click();
    await page
      .locator('[data-testid="message"][data-direction="outbound"]')
      .filter({ hasText: 'Where should we deliver?' })
      .waitFor();
    await page.getByTestId('composer-type').selectOption('text');
  });

  it('shows validation errors inline, with the offending fields marked', async () => {
    await page.getByTestId('composer-type').selectOption('buttons');
    await page.getByTestId('composer-button-0').fill('A title far longer than twenty characters');
    await page.getByTestId('composer-send').click();
    const error = page.getByTestId('composer-error');
    await error.waitFor();
    const issues = await error.getByTestId('error-issue').allTextContents();
    expect(issues.some((issue) => issue.startsWith('body:'))).toBe(true);
    expect(issues.some((issue) => issue.startsWith('buttons.0.title:'))).toBe(true);
    expect(await page.getByTestId('composer-body').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('composer-button-0').getAttribute('aria-invalid')).toBe('true');
  });

  it('offers the templates of every page the provider lists', async () => {
    const other = await browser.newPage();
    const template = (name: string) => ({
      name,
      language: 'en_US',
      category: 'utility',
      status: 'approved',
      parameterFormat: 'positional',
      parameterNames: [],
      components: [{ type: 'body', text: `Body of ${name}` }],
    });
    // An account with more templates than one page holds.
    await other.route('**/api/templates?*', (route) => {
      const cursor = new URL(route.request().url()).searchParams.get('cursor');
      return route.fulfill({
        json:
          cursor === null
            ? { items: [template('first_page')], nextCursor: 'page-2' }
            : { items: [template(`after_${cursor}`)] },
      });
    });
    try {
      await other.goto(app.url);
      await other.getByTestId('composer-type').selectOption('template');
      const options = other.getByTestId('composer-template').locator('option');
      await expect
        .poll(() => options.allTextContents(), { timeout: PAGE_WAIT_MS })
        .toStrictEqual(['Choose a template', 'first_page (en_US)', 'after_page-2 (en_US)']);
    } finally {
      await other.close();
    }
  });

  it('says it is loading the conversations until they are in, then that there are none', async () => {
    const other = await browser.newPage();
    let release: (() => void) | undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The snapshot is held until the first paint was looked at; then it answers an empty inbox.
    await other.route('**/api/conversations', async (route) => {
      await held;
      await route.fulfill({ json: { conversations: [] } });
    });
    try {
      await other.goto(app.url);
      const empty = other.getByTestId('conversation-empty');
      expect(await empty.textContent()).toBe('Loading conversations…');
      release?.();
      await expect.poll(() => empty.textContent(), { timeout: PAGE_WAIT_MS }).toBe('No conversations yet.');
      expect(await empty.isVisible()).toBe(true);
    } finally {
      release?.();
      await other.close();
    }
  });

  it('sends a template with its parameters filled in', async () => {
    await page.getByTestId('composer-type').selectOption('template');
    expect(await page.getByTestId('composer-error').isHidden()).toBe(true);
    const select = page.getByTestId('composer-template');
    await expect.poll(() => select.locator('option').count(), { timeout: PAGE_WAIT_MS }).toBeGreaterThan(1);
    const name = providerId === 'wati' ? 'order_update' : 'order_confirmation';
    await select.selectOption({ label: `${name} (${providerId === 'wati' ? 'en' : 'en_US'})` });
    const inputs = page.getByTestId('template-params').locator('input');
    expect(await inputs.count()).toBe(2);
    await inputs.nth(0).fill('Ada');
    await inputs.nth(1).fill('1001');
    await page.getByTestId('composer-send').click();
    await page
      .locator('[data-testid="message"][data-direction="outbound"]')
      .filter({ hasText: `Template ${name}` })
      .waitFor();
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `inbox-${providerId}.png`) });
    expect(pageErrors).toStrictEqual([]);
  });
});

describe('the inbox page behind an access token', () => {
  const TOKEN = 'browser-test-token-0123456789abcdef';
  let app: RunningServer;
  let profile: string;
  let browser: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    app = await startServer({
      config: {
        mode: 'sandbox',
        providerId: 'whatsapp-cloud',
        transport: 'direct',
        source: { kind: 'default' },
        reason: 'test',
        accessToken: TOKEN,
      },
      port: 0,
      statusDelaysMs: { sent: 20, delivered: 20, read: HELD_MS },
    });
    profile = await mkdtemp(join(tmpdir(), 'switchboard-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-dev-shm-usage'],
      viewport: { width: 1200, height: 800 },
    });
    browser.setDefaultTimeout(PAGE_WAIT_MS);
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      // Chromium logs every non-2xx answer; the wrong token's 401 is provoked on purpose.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        pageErrors.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (profile !== undefined) await rm(profile, { recursive: true, force: true });
  });

  it('shows the login page, refuses a wrong token, and opens the inbox to send with the right one', async () => {
    await page.goto(app.url);
    await page.getByTestId('login-form').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.getByTestId('login-error').isHidden()).toBe(true);

    await page.getByTestId('login-token').fill('not-the-token-0123456789');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await browser.cookies(app.url)).toStrictEqual([]);

    await page.getByTestId('login-token').fill(TOKEN);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(`${app.url}/`);
    await expect
      .poll(() => page.getByTestId('connection-state').textContent(), { timeout: PAGE_WAIT_MS })
      .toBe('live');
    const [cookie, ...others] = await browser.cookies(app.url);
    expect(others).toStrictEqual([]);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie?.value).not.toContain(TOKEN);
    await page.getByTestId('logout').waitFor();

    await page.locator(`[data-testid="conversation"][data-phone="${ada.phone}"]`).click();
    await page.getByTestId('composer-text').fill('Sent after logging in.');
    await page.getByTestId('composer-send').click();
    await page
      .locator('[data-testid="message"][data-direction="outbound"]')
      .filter({ hasText: 'Sent after logging in.' })
      .and(page.locator('[data-status="delivered"]'))
      .waitFor();

    await page.getByTestId('logout').click();
    await page.getByTestId('login-form').waitFor();
    expect(await browser.cookies(app.url)).toStrictEqual([]);
    await page.goto(app.url);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(pageErrors).toStrictEqual([]);
  });
});
