import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NORTHWIND_BUSINESS_ID } from '../../src/demo/seed-demo.js';
import { isChromiumAvailable } from './support/chromium.js';
import { placeTakeoutOrder, startWebHarness, type WebHarness } from './support/web-harness.js';

/** The refund this suite asks for too much of: the API's 422 appears in the console as a failed load. */
const EXPECTED_REFUSAL = /Failed to load resource: the server responded with a status of 422/;

interface Session {
  accessToken: string;
  user: { memberships: { businessId: string; role: string; locationIds: string[] }[] };
}
interface ApiOrder {
  status: string;
  totals: { totalMinor: number; refundedMinor: number };
}

/**
 * The orders board (web/src/orders) in headless Chromium on the demo platform: a new order appears
 * live, search finds it, the detail shows its lines, money and timeline, and the owner advances it and
 * refunds part of it through confirmations, checked through the API; a cashier's board is live over
 * their restaurants' order feeds, offers no refund action, and the API refuses them one.
 */
describe.skipIf(!(await isChromiumAvailable()))('orders board in headless Chromium', () => {
  let web: WebHarness;
  let owner: Session;
  let locationId: string;
  let page: Page;
  let orderId: string;
  const boardUrl = () => `${web.server.url}/orders/${NORTHWIND_BUSINESS_ID}`;
  const apiOrder = async () =>
    (await web.call<ApiOrder>('GET', `/api/v1/orders/${orderId}`, owner.accessToken)).body;

  beforeAll(async () => {
    web = await startWebHarness('orders-board-e2e', { expectedConsoleErrors: [EXPECTED_REFUSAL] });
    owner = await web.login<Session>('owner@northwind.example');
    const kitchen = await web.login<Session>('kitchen@northwind.example');
    const location = kitchen.user.memberships[0]?.locationIds[0];
    if (!location) throw new Error('the demo kitchen login covers no location');
    locationId = location;
    await web.openAllDay(NORTHWIND_BUSINESS_ID, locationId, owner.accessToken);
  }, 120_000);

  afterAll(async () => {
    await web?.close();
  });

  it('shows an order placed through the API on the open board without a reload', async () => {
    page = await web.openPage();
    await page.goto(boardUrl());
    await web.signIn(page, 'owner@northwind.example');
    await page.waitForURL(`**/orders/${NORTHWIND_BUSINESS_ID}`);
    await page.getByRole('heading', { level: 1, name: 'Orders' }).waitFor();
    await page.locator('[data-testid="feed-state"].live').waitFor();
    // The demo's history lives in the lake; the board lists what the database holds (maybe nothing yet).
    await page.getByTestId('orders-count').filter({ hasText: 'order' }).waitFor();

    const placed = await placeTakeoutOrder(web, locationId);
    orderId = placed.orderId;
    const row = page.locator(`.orders-table tr[data-order-id="${orderId}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('Web Tester');
    // The feed brings order.placed, then order.confirmed once payment is captured: the row may show
    // "Placed" for a moment before it settles.
    await expect.poll(() => row.locator('.status-badge').textContent()).toBe('Confirmed');
    // Newest first: it heads the list.
    expect(await page.locator('.orders-table tbody tr').first().getAttribute('data-order-id')).toBe(orderId);
    await web.shoot(page, 'orders-board');
  }, 60_000);

  it('finds the order by its number, and by its customer', async () => {
    const search = page.getByLabel('Search');
    await search.fill(`#${orderId.slice(0, 8)}`);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/[?&]q=/);
    // (Polled from here: the app's content security policy forbids the page-side polling of waitForFunction.)
    const rows = page.locator('.orders-table tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-order-id')).toBe(orderId);
    await search.fill('no customer is called this');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('No orders match these filters.').waitFor();
    await search.fill('Web Tester');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator(`.orders-table tr[data-order-id="${orderId}"]`).waitFor();

    // Days placed, in the browser's time zone: from tomorrow finds nothing, today finds the order.
    const day = (offset: number) =>
      page.evaluate((plus) => {
        const date = new Date();
        date.setDate(date.getDate() + plus);
        const two = (n: number) => String(n).padStart(2, '0');
        return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
      }, offset);
    await page.getByLabel('Placed from').fill(await day(1));
    await page.waitForURL(/[?&]from=/);
    await page.getByText('No orders match these filters.').waitFor();
    await page.getByLabel('Placed from').fill(await day(0));
    await page.getByLabel('to', { exact: true }).fill(await day(0));
    await page.waitForURL(/[?&]to=/);
    await page.locator(`.orders-table tr[data-order-id="${orderId}"]`).waitFor();
  }, 30_000);

  it("opens the order's detail: lines, money and timeline", async () => {
    await page.getByRole('link', { name: `#${orderId.slice(0, 8)}` }).click();
    await page.waitForURL(`**/orders/${NORTHWIND_BUSINESS_ID}/${orderId}?*`);
    const detail = page.locator(`.order-detail[data-order-id="${orderId}"]`);
    await detail.waitFor();
    expect(await detail.locator('.order-lines > li').count()).toBe(1);
    expect(await detail.locator('.order-lines .qty').textContent()).toBe('1×');
    const money = (await detail.getByTestId('money').textContent()) ?? '';
    for (const label of ['Subtotal', 'Tip', 'Total', 'Paid', 'Refunded']) expect(money).toContain(label);
    const timeline = (await detail.locator('.timeline').textContent()) ?? '';
    expect(timeline).toContain('Order placed');
    expect(timeline).toContain('Payment captured');
    await web.shoot(page, 'order-detail');
  }, 30_000);

  it('advances the status through a confirmation, and the API has it', async () => {
    await page.getByRole('button', { name: 'Mark preparing' }).click();
    const dialog = page.getByRole('dialog', { name: /Mark #.* preparing\?/ });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Mark preparing' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('[data-testid="detail-status"]', { hasText: 'Preparing' }).waitFor();
    expect((await apiOrder()).status).toBe('preparing');
    // The timeline heard it too.
    await page.locator('.timeline', { hasText: 'Confirmed → Preparing' }).waitFor();
  }, 30_000);

  it('refunds part of the order after a confirmation; too much is refused with the API code', async () => {
    const total = (await apiOrder()).totals.totalMinor;
    await page.getByRole('button', { name: 'Refund…' }).click();
    const dialog = page.getByRole('dialog', { name: /Refund #/ });
    await dialog.waitFor();
    await dialog.getByLabel('Part of it').check();
    await dialog.getByLabel(/^Amount/).fill(String((total + 100) / 100));
    await dialog.getByLabel('Reason').fill('cold fries');
    await dialog.getByRole('button', { name: /^Refund / }).click();
    const refusal = dialog.locator('[data-code="refund_exceeds_captured"]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('422');
    expect((await apiOrder()).totals.refundedMinor).toBe(0);

    await dialog.getByLabel(/^Amount/).fill('1.00');
    await dialog.getByRole('button', { name: /^Refund / }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('[data-testid="refunds"]', { hasText: 'cold fries' }).waitFor();
    const order = await apiOrder();
    expect(order.totals.refundedMinor).toBe(100);
    expect(order.status).toBe('preparing');
    expect(await page.getByTestId('refunded').textContent()).toMatch(/1[.,]00/);
  }, 30_000);

  it('fits a phone: the board without horizontal page scrolling, the table scrolling in its box', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('link', { name: '← All orders' }).click();
    await page.locator(`.orders-table tr[data-order-id="${orderId}"]`).waitFor();
    await expect
      .poll(() => page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'))
      .toBe(true);
    await web.shoot(page, 'orders-board-phone');
    await page.setViewportSize({ width: 1280, height: 860 });
  }, 30_000);

  it('gives a cashier no refund action, and the API refuses them one', async () => {
    const cashierPage = await web.openPage();
    await cashierPage.goto(`${boardUrl()}/${orderId}`);
    await web.signIn(cashierPage, 'cashier@northwind.example');
    const detail = cashierPage.locator(`.order-detail[data-order-id="${orderId}"]`);
    await detail.waitFor();
    await detail.locator('[data-testid="detail-status"]', { hasText: 'Preparing' }).waitFor();
    expect(await cashierPage.getByRole('button', { name: 'Refund…' }).count()).toBe(0);
    // The kitchen moves a preparing order on, not the counter: nothing to offer a cashier here.
    expect(await detail.getByText('No actions for your role in this status.').count()).toBe(1);
    // Each of the cashier's restaurants has an orders feed: the list is live, and a new takeout order
    // at one of them appears without a reload.
    await cashierPage.getByTestId('feed-state').getByText('Live').waitFor();
    const cashier = await web.login<Session>('cashier@northwind.example');
    const counter = cashier.user.memberships[0]?.locationIds[0];
    if (!counter) throw new Error('the demo cashier covers no location');
    await web.openAllDay(NORTHWIND_BUSINESS_ID, counter, owner.accessToken);
    const fresh = await placeTakeoutOrder(web, counter);
    await cashierPage
      .locator(`.orders-table tr[data-order-id="${fresh.orderId}"]`)
      .waitFor({ timeout: 10_000 });

    const refused = await web.call<{ code: string }>(
      'POST',
      `/api/v1/orders/${orderId}/refunds`,
      cashier.accessToken,
      { amountMinor: 100, reason: 'trying' },
    );
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');
  }, 30_000);

  it('logged no console errors', () => {
    expect(web.consoleErrors).toEqual([]);
  });

  it('breaks no WCAG 2.1 A/AA rule (axe-core) on any screen shot', () => {
    const broken = Object.entries(web.accessibility).filter(([, violations]) => violations.length > 0);
    expect(broken).toEqual([]);
  });
});
