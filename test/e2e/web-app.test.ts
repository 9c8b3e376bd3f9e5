import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NORTHWIND_BUSINESS_ID } from '../../src/demo/seed-demo.js';
import { kB, measureBundle } from './support/bundle-size.js';
import { isChromiumAvailable } from './support/chromium.js';
import {
  placeTakeoutOrder,
  startWebHarness,
  type WebHarness,
  waitForNoHorizontalScroll,
} from './support/web-harness.js';

/** A browser refuses nothing else; this one is the API's answer the "not allowed" screen shows. */
const EXPECTED_403 = /Failed to load resource: the server responded with a status of 403/;

interface Session {
  accessToken: string;
  user: { memberships: { businessId: string; role: string; locationIds: string[] }[] };
}

/**
 * The web app as `npm start` serves it — the embedded platform with the demo seeded (simulation off),
 * the built app at `/` — driven in Debian's headless Chromium: sign-in per role, the live dashboard, the
 * kitchen display moving a real order, a refused screen, and the simulator control. Every screen is
 * saved to artifacts/screenshots/. Any console error fails the suite.
 */
describe.skipIf(!(await isChromiumAvailable()))('web app in headless Chromium', () => {
  let web: WebHarness;
  let owner: Session;
  let kitchenLocationId: string;
  let ownerPage: Page;
  let orderId: string;

  const orderStatusOf = (id: string) => async () =>
    (await web.call<{ status: string }>('GET', `/api/v1/orders/${id}`, owner.accessToken)).body.status;
  const orderStatus = () => orderStatusOf(orderId)();

  beforeAll(async () => {
    web = await startWebHarness('web-e2e', { expectedConsoleErrors: [EXPECTED_403] });
    owner = await web.login<Session>('owner@northwind.example');
    const kitchen = await web.login<Session>('kitchen@northwind.example');
    const location = kitchen.user.memberships[0]?.locationIds[0];
    if (!location) throw new Error('the demo kitchen login covers no location');
    kitchenLocationId = location;
    await web.openAllDay(NORTHWIND_BUSINESS_ID, kitchenLocationId, owner.accessToken);
  }, 120_000);

  afterAll(async () => {
    await web?.close();
  });

  it('signs the demo owner in and shows the dashboard; measures the first load', async () => {
    ownerPage = await web.openPage();
    const page = ownerPage;
    await page.goto(`${web.server.url}/`);
    await page.getByLabel('Email').waitFor();
    // Browser-side code as strings: this file is type-checked for Node, without the DOM library.
    const timing = (await page.evaluate(`(async () => {
      const navigation = performance.getEntriesByType('navigation')[0];
      // Largest contentful paint is only reported to an observer; buffered: true replays it.
      const largest = await new Promise((resolve) => {
        new PerformanceObserver((list) => resolve(list.getEntries().at(-1).startTime)).observe({
          type: 'largest-contentful-paint',
          buffered: true,
        });
        setTimeout(() => resolve(null), 1000);
      });
      const resources = performance.getEntriesByType('resource');
      return {
        rendered: performance.getEntriesByName('brigade:rendered')[0]?.startTime ?? null,
        firstContentfulPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
        largestContentfulPaint: largest,
        domContentLoaded: navigation.domContentLoadedEventEnd,
        load: navigation.loadEventEnd,
        requests: resources.length + 1,
        transferred: navigation.transferSize + resources.reduce((sum, entry) => sum + entry.transferSize, 0),
      };
    })()`)) as {
      rendered: number | null;
      firstContentfulPaint: number | null;
      largestContentfulPaint: number | null;
      domContentLoaded: number;
      load: number;
      requests: number;
      transferred: number;
    };
    const bundle = await measureBundle();
    const ms = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(0)} ms`);
    console.info(
      `first load (localhost, cold cache): first contentful paint ${ms(timing.firstContentfulPaint)}; ` +
        `largest contentful paint ${ms(timing.largestContentfulPaint)}; app rendered ${ms(timing.rendered)}; ` +
        `DOMContentLoaded ${ms(timing.domContentLoaded)}; load ${ms(timing.load)}; ` +
        `${timing.requests} requests, ${kB(timing.transferred)} transferred; ` +
        `bundle ${kB(bundle.raw)} raw / ${kB(bundle.gzip)} gzip`,
    );
    expect(timing.rendered).not.toBeNull();
    await web.shoot(page, 'sign-in');

    const started = Date.now();
    await web.signIn(page, 'owner@northwind.example');
    await page.waitForURL(`**/dashboard/${NORTHWIND_BUSINESS_ID}`);
    await page.getByRole('heading', { level: 1, name: 'Northwind Table Co.' }).waitFor();
    await page.locator('[data-kpi="sales"]').waitFor();
    await page.locator('[data-testid="live-orders"]').waitFor();
    await page.locator('[data-testid="feed-state"].live').waitFor();
    console.info(`sign-in → dashboard with figures and live feed: ${Date.now() - started} ms`);
    expect(await page.locator('.chart-canvas canvas').count()).toBeGreaterThan(0);
    await web.shoot(page, 'dashboard');

    // A phone: the same screen in one column.
    await page.setViewportSize({ width: 390, height: 844 });
    await waitForNoHorizontalScroll(page);
    await web.shoot(page, 'dashboard-phone');
    await page.setViewportSize({ width: 1280, height: 860 });
  }, 60_000);

  it("moves today's live figures when an order is placed through the API, without a reload", async () => {
    const page = ownerPage;
    const tile = page.locator('[data-testid="live-orders"] .tile-value');
    const before = Number((await tile.textContent())?.replace(/\D/g, ''));
    await page.evaluate('window.notReloaded = true');

    // A new customer orders one dish with no required choices, takeout, paid by card.
    orderId = (await placeTakeoutOrder(web, kitchenLocationId)).orderId;

    const waited = Date.now();
    const shown = async () => Number((await tile.textContent())?.replace(/\D/g, ''));
    await expect.poll(shown, { timeout: 20_000, interval: 50 }).toBeGreaterThan(before);
    console.info(`order accepted → dashboard tile changed: ${Date.now() - waited} ms`);
    expect(await shown()).toBe(before + 1);
    expect(await page.evaluate('window.notReloaded')).toBe(true);
    await web.shoot(page, 'dashboard-live');
  }, 60_000);

  it('lets kitchen staff bump the order’s ticket on the KDS, moving the order', async () => {
    const page = await web.openPage({ width: 1180, height: 820 });
    await page.goto(`${web.server.url}/`);
    await web.signIn(page, 'kitchen@northwind.example');
    // Kitchen staff of three restaurants land on the list of their kitchen displays.
    await page.getByRole('heading', { name: /Kitchen displays/ }).waitFor();
    expect(await page.getByRole('link', { name: 'Dashboard' }).count()).toBe(0);
    await web.shoot(page, 'home-kitchen');
    const restaurant = await web.call<{ name: string }>('GET', `/api/v1/restaurants/${kitchenLocationId}`);
    await page.getByRole('link', { name: restaurant.body.name }).click();
    await page.waitForURL(`**/kds/${kitchenLocationId}`);

    const card = page.locator(`article[data-order-id="${orderId}"]`);
    await card.waitFor({ timeout: 20_000 });
    const sound = page.getByRole('button', { name: 'Sound off' });
    await sound.click();
    await page.getByRole('button', { name: 'Sound on' }).waitFor();
    await web.shoot(page, 'kds');

    const moves: [string, string][] = [
      ['Start', 'preparing'],
      ['Ready', 'ready'],
      ['Served', 'picked_up'],
    ];
    for (const [button, status] of moves) {
      await card.getByRole('button', { name: new RegExp(`^${button}`) }).click();
      await expect.poll(orderStatus, { timeout: 10_000 }).toBe(status);
      if (status === 'ready') await web.shoot(page, 'kds-ready');
    }
    // Served: the card leaves the screen; a recall brings it back to the pass.
    await card.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: /^Recall #/ }).click();
    await card.locator('.badge.status', { hasText: 'ready' }).waitFor();
  }, 60_000);

  it('lets the kitchen finish one dish at a time, rush a ticket, recall it from the finished list, and read its prep times', async () => {
    const twoDishes = (await placeTakeoutOrder(web, kitchenLocationId, 2)).orderId;
    const page = await web.openPage({ width: 1180, height: 820 });
    await page.goto(`${web.server.url}/kds/${kitchenLocationId}`);
    await web.signIn(page, 'kitchen@northwind.example');
    await page.waitForURL(`**/kds/${kitchenLocationId}`);
    const card = page.locator(`article[data-order-id="${twoDishes}"]`);
    await card.waitFor({ timeout: 20_000 });
    const ticket = async () => {
      const list = await web.call<{ tickets: { orderId: string; priority: number; status: string }[] }>(
        'GET',
        `/api/v1/locations/${kitchenLocationId}/kitchen/tickets?active=false&limit=500`,
        owner.accessToken,
      );
      return list.body.tickets.find((one) => one.orderId === twoDishes);
    };

    await card.getByLabel(/^Priority of/).selectOption('9');
    await expect.poll(async () => (await ticket())?.priority, { timeout: 10_000 }).toBe(9);

    const dishes = card.locator('.ticket-items > li');
    expect(await dishes.count()).toBe(2);
    await dishes
      .nth(0)
      .getByRole('button', { name: /^Start:/ })
      .click();
    await card.locator('.ticket-items > li[data-item-status="preparing"]').waitFor();
    // One dish started starts the ticket, and the order with it.
    await expect.poll(orderStatusOf(twoDishes), { timeout: 10_000 }).toBe('preparing');
    await dishes
      .nth(0)
      .getByRole('button', { name: /^Done:/ })
      .click();
    await card.locator('.ticket-items > li[data-item-status="ready"]').waitFor();
    expect((await ticket())?.status).toBe('preparing');
    await dishes
      .nth(1)
      .getByRole('button', { name: /^Start:/ })
      .click();
    await card.locator('.ticket-items > li[data-item-status="preparing"]').waitFor();
    await dishes
      .nth(1)
      .getByRole('button', { name: /^Done:/ })
      .click();
    // Both dishes done: the ticket is ready, and so is the order.
    await expect.poll(async () => (await ticket())?.status, { timeout: 10_000 }).toBe('ready');
    await expect.poll(orderStatusOf(twoDishes), { timeout: 10_000 }).toBe('ready');

    // Served, it leaves the screen for the finished list, from which it can be recalled to the pass.
    await card.getByRole('button', { name: /^Served/ }).click();
    await card.waitFor({ state: 'detached' });
    await page.getByText('Finished lately').click();
    const finished = page.getByTestId('ticket-history').locator(`tr[data-order-id="${twoDishes}"]`);
    await finished.getByText(/^served /).waitFor();
    await finished.getByRole('button', { name: /^Recall/ }).click();
    await card.locator('.badge.status', { hasText: 'ready' }).waitFor();
    expect((await ticket())?.status).toBe('ready');

    await page.getByText('Prep times, last 24 hours').click();
    const all = page.getByTestId('prep-stats').locator('tr[data-station="All stations"]');
    await all.waitFor();
    expect(Number(await all.locator('td').first().textContent())).toBeGreaterThanOrEqual(1);
    await web.shoot(page, 'kds-prep-stats');
  }, 60_000);

  it('shows kitchen staff "not allowed" with the API’s 403 on the dashboard', async () => {
    const page = await web.openPage();
    await page.goto(`${web.server.url}/`);
    await web.signIn(page, 'kitchen@northwind.example');
    await page.getByRole('heading', { name: /Kitchen displays/ }).waitFor();
    await page.goto(`${web.server.url}/dashboard/${NORTHWIND_BUSINESS_ID}`);
    const problem = page.getByRole('alert');
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    expect(await problem.textContent()).toContain('forbidden');
    expect(await problem.textContent()).toContain('403');
    await web.shoot(page, 'not-allowed');
  }, 60_000);

  it('starts and stops the demo simulation from its screen', async () => {
    const page = ownerPage;
    await page.getByRole('link', { name: 'Simulator' }).click();
    const state = page.getByTestId('simulator-running');
    await state.filter({ hasText: 'Stopped' }).waitFor();
    await page.getByLabel(/^Speed/).fill('30');
    await page.getByRole('button', { name: 'Start' }).click();
    await state.filter({ hasText: 'Running' }).waitFor();
    expect(
      (await web.call<{ running: boolean; speed: number }>('GET', '/api/v1/simulator', owner.accessToken))
        .body,
    ).toMatchObject({
      running: true,
      speed: 30,
    });
    await web.shoot(page, 'simulator');
    await page.getByRole('button', { name: 'Stop' }).click();
    await state.filter({ hasText: 'Stopped' }).waitFor({ timeout: 20_000 });
    expect(
      (await web.call<{ running: boolean }>('GET', '/api/v1/simulator', owner.accessToken)).body.running,
    ).toBe(false);
  }, 60_000);

  it('logged no console error on any screen', () => {
    expect(web.consoleErrors).toEqual([]);
  });

  it('breaks no WCAG 2.1 A/AA rule (axe-core) on any screen shot', () => {
    const broken = Object.entries(web.accessibility).filter(([, violations]) => violations.length > 0);
    expect(broken).toEqual([]);
  });
});
