import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../../../src/server/start-server.js';
import { DEMO_TEST_PASSWORD, type DemoServer, startDemoServer } from '../../support/demo-server.js';
import { launchChromium } from './chromium.js';
import { ensureWebBuild, REPO_ROOT } from './web-build.js';

export const SCREENSHOTS = path.join(REPO_ROOT, 'artifacts', 'screenshots');

/** axe-core's rule tags for WCAG 2.1 A and AA: what a Lighthouse accessibility audit checks, and more. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** One accessibility rule a screen breaks, as axe-core reports it. */
export interface AccessibilityViolation {
  rule: string;
  impact: string | null;
  help: string;
  /** CSS selectors of the offending elements (the first few). */
  targets: string[];
}

export interface Reply<T> {
  status: number;
  body: T;
}

/**
 * One browser suite's world: the embedded platform as `npm start` runs it (demo seeded, simulation off,
 * the built app at `/`), Debian's headless Chromium, and the helpers every screen test needs. Console
 * errors of every page opened are collected (minus the ones a suite expects, such as a 403 it provokes)
 * so a suite can assert there were none.
 */
export interface WebHarness {
  demo: DemoServer;
  server: RunningServer;
  browser: Browser;
  consoleErrors: string[];
  /** A JSON call to the API, as a client would make it. */
  call<T>(method: string, route: string, token?: string, body?: unknown): Promise<Reply<T>>;
  login<Session = { accessToken: string }>(email: string): Promise<Session>;
  openPage(
    viewport?: { width: number; height: number },
    /** Where the browser says it is, with the permission to ask already given. */
    geolocation?: { latitude: number; longitude: number },
  ): Promise<Page>;
  /** Fills the sign-in form with the demo password and submits it. */
  signIn(page: Page, email: string): Promise<void>;
  /**
   * A full-page screenshot in artifacts/screenshots/{name}.png, and an accessibility audit of the
   * screen as shot, kept in `accessibility` under the same name.
   */
  shoot(page: Page, name: string): Promise<void>;
  /** The audit of every screen shot so far: screenshot name → the WCAG rules it breaks. */
  accessibility: Record<string, AccessibilityViolation[]>;
  /**
   * Runs axe-core's WCAG 2.1 A/AA rules on the page as it is now; an empty list means none is broken.
   * (Page-side evaluation is not subject to the app's content security policy.)
   */
  accessibilityViolations(page: Page): Promise<AccessibilityViolation[]>;
  /** Opens the location around the clock, so orders are accepted whatever the hour the suite runs at. */
  openAllDay(businessId: string, locationId: string, ownerToken: string): Promise<void>;
  close(): Promise<void>;
}

export async function startWebHarness(
  name: string,
  options: { expectedConsoleErrors?: RegExp[] } = {},
): Promise<WebHarness> {
  await ensureWebBuild();
  await mkdir(SCREENSHOTS, { recursive: true });
  const demo = await startDemoServer(name);
  const server = demo.server;
  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];
  const expected = options.expectedConsoleErrors ?? [];
  let axeSource: string | undefined;
  const accessibility: Record<string, AccessibilityViolation[]> = {};

  const call = async <T>(method: string, route: string, token?: string, body?: unknown) => {
    const response = await fetch(`${server.url}${route}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  };

  const accessibilityViolations = async (page: Page): Promise<AccessibilityViolation[]> => {
    axeSource ??= await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await page.evaluate(axeSource);
    // Browser-side code as a string: this file is type-checked for Node, without the DOM library.
    return (await page.evaluate(`axe
      .run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} } })
      .then((result) => result.violations.map((violation) => ({
        rule: violation.id,
        impact: violation.impact ?? null,
        help: violation.help,
        targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
      })))`)) as AccessibilityViolation[];
  };

  return {
    demo,
    server,
    browser,
    consoleErrors,
    call,
    login: (email) => demo.login(email),
    async openPage(viewport = { width: 1280, height: 860 }, geolocation = undefined) {
      const context = await browser.newContext({
        viewport,
        ...(geolocation ? { geolocation, permissions: ['geolocation'] } : {}),
      });
      contexts.push(context);
      const page = await context.newPage();
      page.on('console', (message) => {
        const text = message.text();
        if (message.type() === 'error' && !expected.some((pattern) => pattern.test(text)))
          consoleErrors.push(`${page.url()}: ${text}`);
      });
      page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
      return page;
    },
    async signIn(page, email) {
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(DEMO_TEST_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
    },
    accessibility,
    async shoot(page, shotName) {
      await page.screenshot({ path: path.join(SCREENSHOTS, `${shotName}.png`), fullPage: true });
      accessibility[shotName] = await accessibilityViolations(page);
    },
    accessibilityViolations,
    openAllDay: (businessId, locationId, ownerToken) => demo.openAllDay(businessId, ownerToken, locationId),
    async close() {
      for (const context of contexts) await context.close();
      await browser.close();
      await demo.close();
    },
  };
}

/** Every item on a restaurant's menus (`GET /restaurants/{id}/menus`) that can be ordered now with no required choice, in menu order. */
export function orderableItems(menus: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const one of value) walk(one);
    } else if (value && typeof value === 'object') {
      const node = value as Record<string, unknown>;
      const groups = node.modifierGroups;
      if (
        typeof node.id === 'string' &&
        Array.isArray(groups) &&
        node.availableNow === true &&
        groups.every((group) => !(group as { required?: boolean }).required) &&
        !found.includes(node.id)
      ) {
        found.push(node.id);
      }
      for (const child of Object.values(node)) walk(child);
    }
  };
  walk(menus);
  return found;
}

/** The first of them. */
export function findOrderableItem(menus: unknown): string {
  const first = orderableItems(menus)[0];
  if (!first) throw new Error('no orderable item on the menu');
  return first;
}

/**
 * A new customer account placing a paid takeout order of one dish with no required choice — the
 * order every screen suite watches move. Returns the customer's token and the confirmed order's id.
 */
export async function placeTakeoutOrder(
  harness: WebHarness,
  locationId: string,
  /** Lines of the one dish, each with its own note (one ticket item each). */
  lines = 1,
): Promise<{ customerToken: string; orderId: string }> {
  const customer = await harness.call<{ accessToken: string }>('POST', '/api/v1/auth/register', undefined, {
    email: `web-e2e-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`,
    password: DEMO_TEST_PASSWORD,
    name: 'Web Tester',
  });
  if (customer.status !== 201) throw new Error(`registering a customer: ${customer.status}`);
  const menus = await harness.call<unknown>('GET', `/api/v1/restaurants/${locationId}/menus`);
  const placed = await harness.call<{ id: string; status: string }>(
    'POST',
    `/api/v1/restaurants/${locationId}/orders`,
    customer.body.accessToken,
    {
      serviceType: 'takeout',
      items: Array.from({ length: lines }, (_, index) => ({
        itemId: findOrderableItem(menus.body),
        quantity: 1,
        ...(lines > 1 ? { notes: `line ${index + 1}` } : {}),
      })),
      payment: { method: 'credit_card', cardNumber: '4242424242424242' },
    },
  );
  if (placed.status !== 201 || placed.body.status !== 'confirmed')
    throw new Error(`placing an order: ${placed.status} ${JSON.stringify(placed.body)}`);
  return { customerToken: customer.body.accessToken, orderId: placed.body.id };
}

/**
 * Waits until the page scrolls no wider than the window (a phone layout that fits), polled from the
 * test: the app's content security policy forbids the page-side polling of `waitForFunction`.
 */
export async function waitForNoHorizontalScroll(page: Page, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')) return;
    if (Date.now() > until) throw new Error(`${page.url()} scrolls sideways at this width`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
