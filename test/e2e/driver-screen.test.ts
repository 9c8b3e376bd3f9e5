import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NORTHWIND_BUSINESS_ID } from '../../src/demo/seed-demo.js';
import { DEMO_TEST_PASSWORD } from '../support/demo-server.js';
import { isChromiumAvailable } from './support/chromium.js';
import {
  findOrderableItem,
  startWebHarness,
  type WebHarness,
  waitForNoHorizontalScroll,
} from './support/web-harness.js';

interface Session {
  accessToken: string;
  user: { memberships: { businessId: string; locationIds: string[] }[] };
}
interface Restaurant {
  id: string;
  lat: number;
  lon: number;
  serviceTypes: string[];
}

/**
 * The driver's deliveries screen in headless Chromium: a customer's delivery order, made ready by staff
 * through the API, is claimed and taken through every phase by the demo driver with one tap each, the
 * API's order status following; a second one reaches the open screen live (the staff orders feed of
 * the driver's business), is reported failed after a confirmation and goes back to the list to claim.
 * On the way, the driver shares their position and the customer's order page shows it with an ETA.
 */
describe.skipIf(!(await isChromiumAvailable()))('driver deliveries in headless Chromium', () => {
  let web: WebHarness;
  let owner: Session;
  let restaurant: Restaurant;
  let page: Page;
  /** The customer of the order placeDeliveryOrder placed last (the demo password signs them in). */
  let customerEmail = '';

  const orderStatus = async (orderId: string) =>
    (await web.call<{ status: string }>('GET', `/api/v1/orders/${orderId}`, owner.accessToken)).body.status;
  const deliveryStatus = async (orderId: string) =>
    (await web.call<{ status: string }>('GET', `/api/v1/orders/${orderId}/delivery`, owner.accessToken)).body
      .status;

  /** A new customer's paid delivery order of one dish, to an address a few hundred metres away. */
  const placeDeliveryOrder = async (): Promise<string> => {
    customerEmail = `driver-e2e-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const customer = await web.call<{ accessToken: string }>('POST', '/api/v1/auth/register', undefined, {
      email: customerEmail,
      password: DEMO_TEST_PASSWORD,
      name: 'Web Tester',
    });
    if (customer.status !== 201) throw new Error(`registering a customer: ${customer.status}`);
    const menus = await web.call<unknown>('GET', `/api/v1/restaurants/${restaurant.id}/menus`);
    const placed = await web.call<{ id: string; status: string }>(
      'POST',
      `/api/v1/restaurants/${restaurant.id}/orders`,
      customer.body.accessToken,
      {
        serviceType: 'delivery',
        items: [{ itemId: findOrderableItem(menus.body), quantity: 1 }],
        delivery: {
          address: { line1: '200 Test Avenue', city: 'Toronto', instructions: 'Ring twice' },
          lat: restaurant.lat + 0.004,
          lon: restaurant.lon + 0.004,
        },
        payment: { method: 'credit_card', cardNumber: '4242424242424242' },
      },
    );
    if (placed.status !== 201 || placed.body.status !== 'confirmed')
      throw new Error(`placing a delivery order: ${placed.status} ${JSON.stringify(placed.body)}`);
    return placed.body.id;
  };
  /** Staff (the owner, through the API) move the order along in the kitchen. */
  const makeReady = async (orderId: string) => {
    for (const status of ['preparing', 'ready']) {
      const moved = await web.call('POST', `/api/v1/orders/${orderId}/status`, owner.accessToken, { status });
      if (moved.status !== 200) throw new Error(`moving ${orderId} to ${status}: ${moved.status}`);
    }
  };

  beforeAll(async () => {
    web = await startWebHarness('driver-e2e');
    owner = await web.login<Session>('owner@northwind.example');
    const driver = await web.login<Session>('driver@northwind.example');
    const covered = driver.user.memberships.find((one) => one.businessId === NORTHWIND_BUSINESS_ID);
    if (!covered) throw new Error('the demo driver does not drive for Northwind');
    let candidates = covered.locationIds;
    if (candidates.length === 0) {
      const all = await web.call<{ items: { id: string }[] }>(
        'GET',
        `/api/v1/businesses/${NORTHWIND_BUSINESS_ID}/locations?limit=200`,
        owner.accessToken,
      );
      candidates = all.body.items.map((one) => one.id);
    }
    for (const id of candidates) {
      const one = await web.call<Restaurant>('GET', `/api/v1/restaurants/${id}`);
      if (one.body.serviceTypes.includes('delivery')) {
        restaurant = one.body;
        break;
      }
    }
    if (!restaurant) throw new Error("none of the demo driver's restaurants delivers");
    await web.openAllDay(NORTHWIND_BUSINESS_ID, restaurant.id, owner.accessToken);
  }, 120_000);

  afterAll(async () => {
    await web?.close();
  });

  it('lets the demo driver claim a ready order and take it to the customer, one tap per step', async () => {
    const orderId = await placeDeliveryOrder();
    await makeReady(orderId);

    // The driver's phone is a couple of hundred metres from the restaurant.
    const driverAt = { latitude: restaurant.lat + 0.002, longitude: restaurant.lon + 0.002 };
    page = await web.openPage(undefined, driverAt);
    await page.goto(`${web.server.url}/`);
    await web.signIn(page, 'driver@northwind.example');
    await page.waitForURL('**/deliveries');
    await page.getByRole('heading', { level: 1, name: 'Deliveries' }).waitFor();

    const card = page.locator(`article[data-order-id="${orderId}"]`);
    const available = page.getByTestId('available-deliveries').locator(`article[data-order-id="${orderId}"]`);
    await available.waitFor();
    expect(await card.textContent()).toContain('200 Test Avenue, Toronto');
    expect(await card.textContent()).toContain('Ring twice');
    expect(await card.getByTestId('order-status').textContent()).toBe('ready');
    await web.shoot(page, 'driver-deliveries');

    const steps: [string, string, string][] = [
      ['Claim', 'assigned', 'ready'],
      ['Arrived at restaurant', 'arrived', 'ready'],
      ['Picked up', 'picked_up', 'out_for_delivery'],
      ['Delivered', 'delivered', 'delivered'],
    ];
    for (const [button, phase, status] of steps) {
      await card.getByRole('button', { name: new RegExp(`^${button}:`) }).click();
      await expect.poll(() => deliveryStatus(orderId), { timeout: 10_000 }).toBe(phase);
      expect(await orderStatus(orderId)).toBe(status);
      if (phase === 'assigned') {
        await page.getByTestId('active-deliveries').locator(`article[data-order-id="${orderId}"]`).waitFor();
      }
      if (phase === 'picked_up') {
        // The driver shares their position; the customer's page shows it, and the way there.
        const customerPage = await web.openPage();
        await customerPage.goto(`${web.server.url}/my-orders/${orderId}`);
        await web.signIn(customerPage, customerEmail);
        await customerPage.waitForURL(`**/my-orders/${orderId}`);
        const tracking = customerPage.getByTestId('delivery-tracking');
        await tracking.getByTestId('delivery-phase').getByText('On the way to the customer').waitFor();
        expect(await tracking.getByTestId('driver-position').count()).toBe(0);
        await page.getByRole('button', { name: 'Share my location' }).click();
        await page
          .getByTestId('location-sharing')
          .getByText(/^Sharing your location: last sent at/)
          .waitFor();
        const position = await web.call<{ lastPosition: { lat: number; lon: number } | null }>(
          'GET',
          `/api/v1/orders/${orderId}/delivery`,
          owner.accessToken,
        );
        expect(position.body.lastPosition).toMatchObject({ lat: driverAt.latitude, lon: driverAt.longitude });
        await tracking
          .getByTestId('driver-position')
          .getByText(`${driverAt.latitude.toFixed(5)}, ${driverAt.longitude.toFixed(5)}`)
          .waitFor({ timeout: 10_000 });
        expect(await tracking.getByTestId('delivery-eta').textContent()).toMatch(/km from the driver/);
        await web.shoot(customerPage, 'customer-delivery-tracking');
        // A phone at the driver's hand: one column, no page-wide horizontal scroll.
        await page.setViewportSize({ width: 390, height: 844 });
        await waitForNoHorizontalScroll(page);
        await web.shoot(page, 'driver-deliveries-phone');
        await page.setViewportSize({ width: 1280, height: 860 });
      }
    }
    // Delivered: it leaves "Yours now" for the finished list.
    await page.getByTestId('recent-deliveries').locator(`article[data-order-id="${orderId}"]`).waitFor({
      state: 'attached',
    });
    expect(await page.getByTestId('active-deliveries').count()).toBe(0);
  }, 90_000);

  it('reports a failed attempt only after a confirmation with a reason, and offers the order again', async () => {
    // The staff orders feed brings a new delivery order at the driver's restaurants without a refresh.
    await page.getByTestId('driver-freshness').getByText('The lists are live.').waitFor();
    const orderId = await placeDeliveryOrder();
    const card = page.locator(`article[data-order-id="${orderId}"]`);
    await page.getByTestId('available-deliveries').locator(`article[data-order-id="${orderId}"]`).waitFor({
      timeout: 10_000,
    });
    await card.getByRole('button', { name: /^Claim:/ }).click();
    await expect.poll(() => deliveryStatus(orderId), { timeout: 10_000 }).toBe('assigned');

    const report = card.getByRole('button', { name: /^Report a problem/ });
    await report.click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.getByRole('button', { name: 'Mark failed' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await deliveryStatus(orderId)).toBe('assigned');

    await report.click();
    await dialog.getByLabel('What happened').fill('Car broke down');
    await dialog.getByRole('button', { name: 'Mark failed' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => deliveryStatus(orderId), { timeout: 10_000 }).toBe('failed');
    const delivery = await web.call<{ failureReason: string }>(
      'GET',
      `/api/v1/orders/${orderId}/delivery`,
      owner.accessToken,
    );
    expect(delivery.body.failureReason).toBe('Car broke down');
    expect(await orderStatus(orderId)).toBe('confirmed');
    // Before pickup a failed attempt puts the order back among the ones to claim.
    await page.getByTestId('available-deliveries').locator(`article[data-order-id="${orderId}"]`).waitFor();
  }, 60_000);

  it('tells the driver the orders board, and a customer the deliveries screen, are not theirs', async () => {
    await page.goto(`${web.server.url}/orders/${NORTHWIND_BUSINESS_ID}`);
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    expect(await page.getByText('The orders board is for the front of house').count()).toBe(1);

    const customerPage = await web.openPage();
    await customerPage.goto(`${web.server.url}/deliveries`);
    await web.signIn(customerPage, customerEmail);
    await customerPage.getByRole('heading', { name: 'Not allowed' }).waitFor();
    expect(await customerPage.getByText('Deliveries are for drivers').count()).toBe(1);
    await web.shoot(customerPage, 'deliveries-not-allowed');
  }, 60_000);

  it('logged no console error', () => {
    expect(web.consoleErrors).toEqual([]);
  });

  it('breaks no WCAG 2.1 A/AA rule (axe-core) on any screen shot', () => {
    const broken = Object.entries(web.accessibility).filter(([, violations]) => violations.length > 0);
    expect(broken).toEqual([]);
  });
});
