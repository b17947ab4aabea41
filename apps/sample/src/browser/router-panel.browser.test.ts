// The inbox's Router panel in a real browser, on a sandbox with `"providers": ["wati", "whatsapp-cloud"]`:
// the order, the windows per conversation, and a failover the user provokes with the button.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS } from '../sandbox/demo-contacts.js';
import { type RunningServer, startServer } from '../server/start-server.js';

/** Debian's Chromium; CI installs it (see .ci/run). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ada = DEMO_CONTACTS[0] as (typeof DEMO_CONTACTS)[number];
const SCREENSHOTS = fileURLToPath(new URL('../../.reports/screenshots/', import.meta.url));
/** A watchdog for each wait on the page (a loaded machine is slow), not an expectation. */
const PAGE_WAIT_MS = 45_000;

describe('the Router panel', () => {
  let app: RunningServer;
  let profile: string;
  let browser: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    app = await startServer({
      config: {
        mode: 'sandbox',
        providerId: 'wati',
        providers: ['wati', 'whatsapp-cloud'],
        transport: 'direct',
        source: { kind: 'default' },
        reason: 'test',
      },
      port: 0,
      statusDelaysMs: { sent: 20, delivered: 20, read: 20 },
    });
    profile = await mkdtemp(join(tmpdir(), 'switchboard-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-dev-shm-usage'],
      viewport: { width: 1200, height: 900 },
    });
    browser.setDefaultTimeout(PAGE_WAIT_MS);
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
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

  it('shows the providers in order and each conversation’s window per provider', async () => {
    await page.getByTestId('routing-panel').waitFor();
    expect(await page.getByTestId('routing-order').textContent()).toBe('WATI → WhatsApp Cloud API');
    const windows = page.getByTestId('routing-windows');
    await expect
      .poll(() => windows.textContent(), { timeout: PAGE_WAIT_MS })
      .toMatch(
        new RegExp(`${ada.name}WATI: open until .+WhatsApp Cloud API: no message yet: template required`),
      );
  });

  it('makes the primary fail with the button, so the next send fails over for all to see', async () => {
    const toggle = page.getByTestId('routing-fail-primary');
    expect(await toggle.textContent()).toBe('Make WATI fail (503)');
    await toggle.click();
    await expect.poll(() => toggle.textContent(), { timeout: PAGE_WAIT_MS }).toBe('Make WATI work again');
    await page.locator(`[data-testid="conversation"][data-phone="${ada.phone}"]`).click();
    await page.getByTestId('composer-text').fill('Sent while WATI is down');
    await page.getByTestId('composer-send').click();
    await expect
      .poll(() => page.getByTestId('routing-failovers').textContent(), { timeout: PAGE_WAIT_MS })
      .toContain('wati did not send (provider_unavailable), next provider took it');
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'router-panel.png') });
    await toggle.click();
    await expect.poll(() => toggle.textContent(), { timeout: PAGE_WAIT_MS }).toBe('Make WATI fail (503)');
    expect(pageErrors).toEqual([]);
  });
});
