import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NORTHWIND_BUSINESS_ID } from '../../src/demo/seed-demo.js';
import type { Dashboard, Location, SalesSummary } from '../../web/src/api/api-types.js';
import { formatDuration, formatHours, formatShare } from '../../web/src/app/format.js';
import type {
  Brand,
  KitchenPerformance,
  Labour,
  PaymentMix,
  PhaseTiming,
  ProfitAnalysis,
  SalesByBrand,
  SalesByLocation,
  TopItems,
} from '../../web/src/dashboard/dashboard-types.js';
import { DEMO_TEST_PASSWORD } from '../support/demo-server.js';
import { isChromiumAvailable } from './support/chromium.js';
import {
  orderableItems,
  placeTakeoutOrder,
  startWebHarness,
  type WebHarness,
} from './support/web-harness.js';

interface Session {
  accessToken: string;
  user: { memberships: { businessId: string; role: string; locationIds: string[] }[] };
}
interface Ticket {
  id: string;
  orderId: string | null;
  status: string;
}

const ANALYTICS = `/api/v1/businesses/${NORTHWIND_BUSINESS_ID}/analytics`;
/** Orders the suite places: three takeout (two paid by card, one cash) and one delivery (wallet). */
const ORDERS = 4;

/**
 * The dashboard's breakdown panels over a lake holding orders the suite placed and moved itself: three
 * takeout orders cooked and handed over, one delivery cooked and delivered by the demo driver. Every
 * panel's figures are checked against the analytics API's own answer; the brand filter refilters the
 * panels that can be narrowed (and says so on the others); a location and a brand with nothing show
 * each panel's empty state; a phone has no horizontal page scroll.
 */
describe.skipIf(!(await isChromiumAvailable()))('dashboard panels in headless Chromium', () => {
  let web: WebHarness;
  let owner: Session;
  let locationId: string;
  let otherLocationId: string;
  let brand: Brand;
  let emptyBrand: Brand;
  let page: Page;
  let phone: Page;

  const report = async <T>(path: string): Promise<T> => {
    const reply = await web.call<T>('GET', `${ANALYTICS}/${path}`, owner.accessToken);
    if (reply.status !== 200) throw new Error(`${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body;
  };
  /** Money as the app shows it: the browser's own currency format. */
  const money = (minor: number | null) =>
    minor === null
      ? Promise.resolve('—')
      : (page.evaluate(
          `new Intl.NumberFormat(undefined, { style: 'currency', currency: 'CAD' }).format(${minor} / 100)`,
        ) as Promise<string>);
  const panel = (id: string) => page.locator(`[data-panel="${id}"]`);
  /** A filter's select (its accessible name starts with the label; panels' names also say "brand"). */
  const filter = (on: Page, label: string) => on.getByRole('combobox', { name: new RegExp(`^${label}`) });
  const eventually = async (what: string, check: () => Promise<boolean>, timeoutMs = 90_000) => {
    const until = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  };

  beforeAll(async () => {
    web = await startWebHarness('dashboard-panels');
    owner = await web.login<Session>('owner@northwind.example');
    const driver = await web.login<Session & { user: { id: string } }>('driver@northwind.example');
    const driverLocation = driver.user.memberships[0]?.locationIds[0];
    if (!driverLocation) throw new Error('the demo driver covers no location');
    locationId = driverLocation;
    await web.openAllDay(NORTHWIND_BUSINESS_ID, locationId, owner.accessToken);

    const base = `/api/v1/businesses/${NORTHWIND_BUSINESS_ID}`;
    const locations = await web.call<{ items: Location[] }>(
      'GET',
      `${base}/locations?limit=200`,
      owner.accessToken,
    );
    const here = locations.body.items.find((one) => one.id === locationId);
    const other = locations.body.items.find((one) => one.id !== locationId);
    if (!here || !other) throw new Error('the demo business needs two locations');
    otherLocationId = other.id;
    const brands = await web.call<{ items: Brand[] }>('GET', `${base}/brands?limit=200`, owner.accessToken);
    const served = brands.body.items.find((one) => one.locationIds.includes(locationId));
    if (!served) throw new Error('no brand is served at the driver’s location');
    brand = served;
    // A brand with no sales at all, for the panels' empty state under the brand filter.
    const created = await web.call<Brand>('POST', `${base}/brands`, owner.accessToken, {
      name: 'Night Market Noodles',
      locationIds: [locationId],
    });
    if (created.status !== 201) throw new Error(`creating a brand: ${created.status}`);
    emptyBrand = created.body;

    const customer = await web.call<{ accessToken: string }>('POST', '/api/v1/auth/register', undefined, {
      email: `dashboard-panels-${Date.now()}@example.com`,
      password: DEMO_TEST_PASSWORD,
      name: 'Panel Tester',
    });
    const menus = await web.call<unknown>('GET', `/api/v1/restaurants/${locationId}/menus`);
    const [first, second, third] = orderableItems(menus.body);
    if (!first || !second || !third) throw new Error('fewer than three orderable items');
    const place = async (body: Record<string, unknown>) => {
      const placed = await web.call<{ id: string; status: string }>(
        'POST',
        `/api/v1/restaurants/${locationId}/orders`,
        customer.body.accessToken,
        body,
      );
      if (placed.status !== 201 || placed.body.status !== 'confirmed')
        throw new Error(`placing an order: ${placed.status} ${JSON.stringify(placed.body)}`);
      return placed.body.id;
    };
    const card = { method: 'credit_card', cardNumber: '4242424242424242' };
    const takeout = [
      await place({ serviceType: 'takeout', items: [{ itemId: first, quantity: 3 }], payment: card }),
      await place({
        serviceType: 'takeout',
        items: [{ itemId: second, quantity: 1 }],
        payment: { method: 'cash' },
      }),
      await place({
        serviceType: 'takeout',
        items: [
          { itemId: first, quantity: 1 },
          { itemId: third, quantity: 1 },
        ],
        payment: card,
      }),
    ];
    const delivery = await place({
      serviceType: 'delivery',
      items: [{ itemId: second, quantity: 2 }],
      delivery: {
        address: { line1: '1 Test Lane', city: here.address.city },
        lat: here.lat + 0.01,
        lon: here.lon,
      },
      payment: { method: 'digital_wallet' },
    });

    // The kitchen: every ticket of the orders started and made ready, takeout handed over by a bump.
    const tickets = async (orderId: string) => {
      const list = await web.call<{ tickets: Ticket[] }>(
        'GET',
        `/api/v1/locations/${locationId}/kitchen/tickets`,
        owner.accessToken,
      );
      return list.body.tickets.filter((ticket) => ticket.orderId === orderId);
    };
    const bumpAll = async (orderId: string) => {
      for (const ticket of await tickets(orderId)) {
        const bumped = await web.call(
          'POST',
          `/api/v1/locations/${locationId}/kitchen/tickets/${ticket.id}/bump`,
          owner.accessToken,
        );
        if (bumped.status !== 200) throw new Error(`bumping ${ticket.id}: ${bumped.status}`);
      }
    };
    const orderStatus = async (orderId: string) =>
      (await web.call<{ status: string }>('GET', `/api/v1/orders/${orderId}`, owner.accessToken)).body.status;
    for (const orderId of [...takeout, delivery]) {
      await eventually(`tickets of ${orderId}`, async () => (await tickets(orderId)).length > 0, 30_000);
    }
    const claimed = await web.call('POST', `/api/v1/orders/${delivery}/delivery/claim`, driver.accessToken);
    expect(claimed.status).toBe(201);
    for (const orderId of [...takeout, delivery]) {
      await bumpAll(orderId); // preparing
      await bumpAll(orderId); // ready
      await eventually(`${orderId} ready`, async () => (await orderStatus(orderId)) === 'ready', 30_000);
    }
    for (const orderId of takeout) await bumpAll(orderId); // served: handed over
    for (const step of ['arrived', 'picked-up', 'delivered']) {
      const moved = await web.call('POST', `/api/v1/orders/${delivery}/delivery/${step}`, driver.accessToken);
      expect(moved.status, step).toBe(200);
    }

    // A two-hour shift of the driver: clocked in and out, then the clock-in corrected two hours back.
    const shift = await web.call<{ id: string }>(
      'POST',
      `/api/v1/locations/${locationId}/time-clock/clock-in`,
      driver.accessToken,
      {},
    );
    expect(shift.status).toBe(201);
    const out = await web.call<{ clockOutAt: string }>(
      'POST',
      `/api/v1/businesses/${NORTHWIND_BUSINESS_ID}/time-clock/clock-out`,
      driver.accessToken,
      {},
    );
    expect(out.status).toBe(200);
    const corrected = await web.call(
      'PATCH',
      `/api/v1/businesses/${NORTHWIND_BUSINESS_ID}/time-clock/shifts/${shift.body.id}`,
      owner.accessToken,
      {
        clockInAt: new Date(Date.parse(out.body.clockOutAt) - 2 * 3_600_000).toISOString(),
        reason: 'clocked in late',
      },
    );
    expect(corrected.status).toBe(200);

    // Gold and silver have caught up when the lake knows every order, the delivery, the tickets and the shift.
    await eventually('the lake to hold the orders', async () => {
      const labour = await report<Labour>('operations/labour?period=7d');
      if (labour.totals.minutes < 120) return false;
      const dashboard = await report<Dashboard>('dashboard?period=7d');
      const phases = await report<PhaseTiming>('operations/phase-timing?period=7d');
      const kitchen = await report<KitchenPerformance>('operations/kitchen-performance?period=7d');
      const orders = dashboard.kpis.find((kpi) => kpi.key === 'orders')?.current;
      const all = kitchen.stations.find((station) => station.station === 'all');
      return orders === ORDERS && phases.delivered === 1 && (all?.ready ?? 0) > 0;
    });
  }, 240_000);

  afterAll(async () => {
    await web?.close();
  });

  it('shows every panel with the figures the analytics API gives', async () => {
    page = await web.openPage({ width: 1280, height: 900 });
    await page.goto(`${web.server.url}/`);
    await web.signIn(page, 'owner@northwind.example');
    await page.waitForURL(`**/dashboard/${NORTHWIND_BUSINESS_ID}`);
    await page.locator('[data-testid="heatmap-total"]').waitFor();

    // Heatmap: its grand total is the period's sales, all of them in today's weekday row.
    const summary = await report<SalesSummary>('sales/summary?period=7d&group_by=hour');
    expect(summary.totals.orders).toBe(ORDERS);
    const dashboard = await report<Dashboard>('dashboard?period=7d');
    expect(summary.totals.salesMinor).toBe(dashboard.kpis.find((kpi) => kpi.key === 'sales')?.current);
    const total = await money(summary.totals.salesMinor);
    expect(await page.locator('[data-testid="heatmap-total"]').textContent()).toBe(total);
    // Each weekday's row total is that weekday's hourly sales (the orders may straddle a local midnight).
    const byWeekday = new Map<number, number>();
    for (const bucket of summary.buckets) {
      const weekday = (new Date(`${bucket.date}T00:00:00Z`).getUTCDay() + 6) % 7;
      byWeekday.set(weekday, (byWeekday.get(weekday) ?? 0) + bucket.salesMinor);
    }
    const rows = panel('heatmap').locator('tbody tr');
    for (const [weekday, sales] of byWeekday) {
      expect(await rows.nth(weekday).locator('td.heat-total').textContent()).toBe(await money(sales));
    }
    expect(await panel('heatmap').locator('td.heat-5').count()).toBeGreaterThan(0);

    // Sales by location and by brand.
    const byLocation = await report<SalesByLocation>('sales/by-location?period=7d');
    // The report lists every location (zeros where nothing sold); the panel's bars are those that sold.
    const sold = byLocation.locations.filter((one) => one.orders > 0);
    expect(sold.map((one) => one.locationId)).toEqual([locationId]);
    expect(await panel('by-location').locator('li').count()).toBe(1);
    const locationRow = panel('by-location').locator(`li[data-key="${locationId}"]`);
    expect(await locationRow.locator('.ranked-bar-value').textContent()).toBe(
      await money(byLocation.locations[0]?.salesMinor ?? null),
    );
    expect(await locationRow.locator('.ranked-bar-detail').textContent()).toContain('100.0 %');
    const byBrand = await report<SalesByBrand>('sales/by-brand?period=7d');
    expect(byBrand.brands.map((one) => one.brandId)).toEqual([brand.id]);
    const brandRow = panel('by-brand').locator(`li[data-key="${brand.id}"]`);
    expect(await brandRow.locator('.ranked-bar-label').textContent()).toBe(brand.name);
    expect(await brandRow.locator('.ranked-bar-value').textContent()).toBe(
      await money(byBrand.brands[0]?.salesMinor ?? null),
    );

    // Top items by revenue, then by quantity through the switch.
    const byRevenue = await report<TopItems>('menu/top-items?period=7d&metric=revenue&limit=10');
    const topBars = panel('top-items').locator('li');
    expect(await topBars.count()).toBe(byRevenue.items.length);
    expect(await topBars.first().locator('.ranked-bar-label').textContent()).toBe(
      `1. ${byRevenue.items[0]?.name}`,
    );
    expect(await topBars.first().locator('.ranked-bar-value').textContent()).toBe(
      await money(byRevenue.items[0]?.revenueMinor ?? null),
    );
    await panel('top-items').getByRole('button', { name: 'Quantity' }).click();
    const byQuantity = await report<TopItems>('menu/top-items?period=7d&metric=quantity&limit=10');
    await page.locator('[data-panel="top-items"] ol[aria-label="Top items by quantity"]').waitFor();
    expect(
      await panel('top-items').getByRole('button', { name: 'Quantity' }).getAttribute('aria-pressed'),
    ).toBe('true');
    expect(await topBars.first().locator('.ranked-bar-label').textContent()).toBe(
      `1. ${byQuantity.items[0]?.name}`,
    );
    expect(await topBars.first().locator('.ranked-bar-value').textContent()).toBe(
      `${byQuantity.items[0]?.quantity} sold`,
    );

    // Profit: the totals and one row per item.
    const profit = await report<ProfitAnalysis>('menu/profit-analysis?period=7d');
    expect(await page.locator('[data-testid="profit-revenue"]').textContent()).toBe(
      await money(profit.totals.revenueMinor),
    );
    expect(await page.locator('[data-testid="profit-profit"]').textContent()).toBe(
      await money(profit.totals.profitMinor),
    );
    expect(await panel('profit').locator('tbody tr').count()).toBe(profit.items.length);

    // Payment mix: each method's sales as the API says, shares adding up to exactly 100 %.
    const mix = await report<PaymentMix>('sales/by-payment-method?period=7d');
    expect(mix.methods.map((one) => one.method).sort()).toEqual(['cash', 'credit_card', 'digital_wallet']);
    for (const method of mix.methods) {
      const methodRow = panel('payment-mix').locator(`tr[data-method="${method.method}"]`);
      expect(await methodRow.locator('td').nth(1).textContent()).toBe(await money(method.salesMinor));
    }
    const shares = await panel('payment-mix').locator('td[data-share]').allTextContents();
    expect(shares).toHaveLength(3);
    expect(shares.reduce((sum, share) => sum + Math.round(Number.parseFloat(share) * 10), 0)).toBe(1000);

    // Kitchen prep and delivery phase percentiles.
    const kitchen = await report<KitchenPerformance>('operations/kitchen-performance?period=7d');
    const all = kitchen.stations.find((station) => station.station === 'all');
    const allRow = panel('kitchen-times').locator('tr[data-station="all"]');
    expect(await allRow.locator('td').first().textContent()).toBe(String(all?.tickets));
    expect(await allRow.locator('td').nth(1).textContent()).toBe(formatDuration(all?.p50PrepSeconds));
    const phases = await report<PhaseTiming>('operations/phase-timing?period=7d');
    const doorToDoor = phases.phases.find((phase) => phase.phase === 'placed_to_delivered');
    expect(doorToDoor?.samples).toBe(1);
    const phaseRow = panel('delivery-phases').locator('tr[data-phase="placed_to_delivered"]');
    expect(await phaseRow.locator('td').allTextContents()).toEqual([
      '1',
      formatDuration(doorToDoor?.p50Seconds),
      formatDuration(doorToDoor?.p75Seconds),
      formatDuration(doorToDoor?.p95Seconds),
      formatDuration(doorToDoor?.p99Seconds),
    ]);

    // Labour: the two-hour shift, its cost and its share of the period's net sales, as the API says.
    const labour = await report<Labour>('operations/labour?period=7d');
    expect(labour.totals.minutes).toBe(120);
    expect(await panel('labour').getByTestId('labour-cost').textContent()).toBe(
      await money(labour.totals.labourCostMinor),
    );
    expect(await panel('labour').getByTestId('labour-hours').textContent()).toBe(formatHours(120));
    expect(await panel('labour').getByTestId('labour-share').textContent()).toBe(
      formatShare(labour.totals.labourShare),
    );

    // No brand chosen: no panel carries the brand caveat.
    expect(await page.locator('.panel-note').count()).toBe(0);
    await web.shoot(page, 'dashboard-panels');
  });

  it('refilters by brand: brand-aware reports get brand_id, the others say they cannot', async () => {
    const asked: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/analytics/')) asked.push(request.url());
    });
    const answered = (report: string) =>
      page.waitForResponse((response) => {
        const url = response.url();
        return url.includes(`/analytics/${report}?`) && url.includes(`brand_id=${brand.id}`);
      });
    const answers = Promise.all([answered('sales/by-location'), answered('menu/top-items')]);
    await filter(page, 'Brand').selectOption(brand.id);
    await answers;
    expect(new URL(page.url()).searchParams.get('brand')).toBe(brand.id);
    const withBrand = (report: string) => asked.filter((url) => url.includes(`/analytics/${report}?`));
    for (const name of ['sales/by-location', 'sales/by-brand', 'menu/top-items', 'menu/profit-analysis']) {
      expect(withBrand(name).length, name).toBeGreaterThan(0);
      expect(
        withBrand(name).every((url) => url.includes(`brand_id=${brand.id}`)),
        name,
      ).toBe(true);
    }
    for (const name of ['sales/by-payment-method', 'operations/phase-timing', 'dashboard']) {
      expect(
        withBrand(name).some((url) => url.includes('brand_id')),
        name,
      ).toBe(false);
    }

    // The brand's own figures, as the API gives them with brand_id.
    const byLocation = await report<SalesByLocation>(`sales/by-location?period=7d&brand_id=${brand.id}`);
    const brandSales = await money(byLocation.locations[0]?.salesMinor ?? null);
    await expect
      .poll(() =>
        panel('by-location').locator(`li[data-key="${locationId}"] .ranked-bar-value`).textContent(),
      )
      .toBe(brandSales);
    const top = await report<TopItems>(
      `menu/top-items?period=7d&metric=quantity&limit=10&brand_id=${brand.id}`,
    );
    await expect
      .poll(() => panel('top-items').locator('li').first().locator('.ranked-bar-value').textContent())
      .toBe(`${top.items[0]?.quantity} sold`);
    expect(await panel('top-items').locator('li').first().locator('.ranked-bar-label').textContent()).toBe(
      `1. ${top.items[0]?.name}`,
    );
    for (const id of ['kpis', 'today', 'payment-mix', 'kitchen-times', 'delivery-phases']) {
      expect(await page.locator(`[data-testid="${id}-note"]`).textContent(), id).toContain(
        `cannot be narrowed to ${brand.name}`,
      );
    }
    expect(await page.getByTestId('labour-note').textContent()).toBe(
      'All brands: labour is not split by brand.',
    );
  });

  it('shows each panel empty for a brand and a location with nothing in the period', async () => {
    await filter(page, 'Brand').selectOption(emptyBrand.id);
    const nothing = `No sales of ${emptyBrand.name} in this period`;
    for (const id of ['heatmap', 'by-location', 'by-brand']) {
      await page.locator(`[data-testid="${id}-empty"]`).waitFor();
      expect(await page.locator(`[data-testid="${id}-empty"]`).textContent(), id).toBe(nothing);
    }
    for (const id of ['top-items', 'profit']) {
      await page.locator(`[data-testid="${id}-empty"]`).waitFor();
      expect(await page.locator(`[data-testid="${id}-empty"]`).textContent(), id).toBe(
        `No items sold of ${emptyBrand.name} in this period`,
      );
    }

    await filter(page, 'Brand').selectOption('');
    await filter(page, 'Location').selectOption(otherLocationId);
    const empty = {
      heatmap: 'No sales in this period',
      'by-location': 'No sales in this period',
      'by-brand': 'No sales in this period',
      'top-items': 'No items sold in this period',
      profit: 'No items sold in this period',
      'payment-mix': 'No sales in this period',
      'kitchen-times': 'No kitchen tickets in this period',
      'delivery-phases': 'No deliveries in this period',
      labour: 'No shifts clocked in this period',
    };
    for (const [id, text] of Object.entries(empty)) {
      await page.locator(`[data-testid="${id}-empty"]`).waitFor();
      expect(await page.locator(`[data-testid="${id}-empty"]`).textContent(), id).toBe(text);
    }

    // Twelve months is beyond hourly figures: the heatmap says so instead of asking.
    await filter(page, 'Period').selectOption('1y');
    await page.locator('[data-testid="heatmap-unavailable"]').waitFor();
  });

  it('fits a phone: one column, wide tables scroll inside their panel', async () => {
    phone = await web.openPage({ width: 390, height: 844 });
    await phone.goto(`${web.server.url}/`);
    await web.signIn(phone, 'owner@northwind.example');
    await phone.waitForURL(`**/dashboard/${NORTHWIND_BUSINESS_ID}`);
    await phone.locator('[data-testid="heatmap-total"]').waitFor();
    await phone.locator('[data-panel="delivery-phases"] tbody tr').first().waitFor();
    // Browser-side code as strings: this file is type-checked for Node, without the DOM library.
    const widths = (await phone.evaluate(`(() => {
      const box = document.querySelector('[data-panel="heatmap"] .table-scroll');
      return { page: document.documentElement.scrollWidth, window: window.innerWidth,
               heatmap: box.scrollWidth, heatmapBox: box.clientWidth };
    })()`)) as { page: number; window: number; heatmap: number; heatmapBox: number };
    expect(widths.page).toBeLessThanOrEqual(widths.window);
    expect(widths.heatmap).toBeGreaterThan(widths.heatmapBox);
    await web.shoot(phone, 'dashboard-panels-phone');
  });

  it('moves the panels when a new order reaches the lake, without a reload', async () => {
    await placeTakeoutOrder(web, locationId);
    let summary = await report<SalesSummary>('sales/summary?period=7d&group_by=hour');
    await eventually('the new order in the lake', async () => {
      summary = await report<SalesSummary>('sales/summary?period=7d&group_by=hour');
      return summary.totals.orders === ORDERS + 1;
    });
    const total = await money(summary.totals.salesMinor);
    // Order events reload the lake panels at most every 10 s (the order's later events bring the reload
    // that finds it in the lake).
    await expect
      .poll(() => phone.locator('[data-testid="heatmap-total"]').textContent(), { timeout: 30_000 })
      .toBe(total);
    // Each panel fetches its own report on the same reload, and they answer at different times.
    await expect
      .poll(
        () =>
          phone
            .locator(`[data-panel="by-location"] li[data-key="${locationId}"] .ranked-bar-detail`)
            .textContent(),
        { timeout: 30_000 },
      )
      .toContain(`${ORDERS + 1} orders`);
    const byLocation = await report<SalesByLocation>('sales/by-location?period=7d');
    expect(byLocation.locations[0]?.orders).toBe(ORDERS + 1);
  });

  it('logged no console errors', () => {
    expect(web.consoleErrors).toEqual([]);
  });

  it('breaks no WCAG 2.1 A/AA rule (axe-core) on any screen shot', () => {
    const broken = Object.entries(web.accessibility).filter(([, violations]) => violations.length > 0);
    expect(broken).toEqual([]);
  });
});
