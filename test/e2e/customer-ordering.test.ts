import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NORTHWIND_BUSINESS_ID } from '../../src/demo/seed-demo.js';
import { DEMO_TEST_PASSWORD } from '../support/demo-server.js';
import { isChromiumAvailable } from './support/chromium.js';
import { startWebHarness, type WebHarness, waitForNoHorizontalScroll } from './support/web-harness.js';

interface Option {
  id: string;
  name: string;
  available: boolean;
}
interface Group {
  name: string;
  required: boolean;
  selection: 'single' | 'multiple';
  minSelections: number;
  options: Option[];
}
interface Item {
  id: string;
  name: string;
  availableNow: boolean;
  modifierGroups: Group[];
}
interface CartAnswer {
  lines: { name: string; quantity: number; itemId: string; modifiers: { optionId: string }[] }[];
}
interface OrderAnswer {
  id: string;
  status: string;
  customerId: string;
  serviceType: string;
  lines: { itemId: string; quantity: number; modifiers: { optionId: string }[] }[];
  totals: {
    currency: string;
    tipMinor: number;
    totalMinor: number;
    capturedMinor: number;
    loyaltyDiscountMinor: number;
  };
  loyalty: { pointsRedeemed: number; pointsEarned: number };
  payments: { status: string; cardLast4: string | null }[];
}

/** Every dish of a restaurant's menus (`GET /restaurants/{id}/menus`) that can be ordered now, in menu order. */
function dishes(menus: unknown): Item[] {
  const found = new Map<string, Item>();
  const walk = (value: unknown, active: boolean): void => {
    if (Array.isArray(value)) for (const one of value) walk(one, active);
    else if (value && typeof value === 'object') {
      const node = value as Record<string, unknown>;
      const serving = typeof node.brandActive === 'boolean' ? node.brandActive : active;
      if (
        typeof node.id === 'string' &&
        Array.isArray(node.modifierGroups) &&
        node.availableNow === true &&
        serving
      )
        found.set(node.id, node as unknown as Item);
      for (const child of Object.values(node)) walk(child, serving);
    }
  };
  walk(menus, true);
  return [...found.values()];
}

/**
 * A customer orders in headless Chromium: dishes added to the cart from the restaurant's menu (one
 * without choices, one whose required choice the form insists on), quantities changed, a declined card
 * that cancels the order and puts its dishes back, then an approved one that places the order and
 * opens its live page, which follows the kitchen's moves. Every step is checked against the API.
 */
describe.skipIf(!(await isChromiumAvailable()))('customer ordering in headless Chromium', () => {
  let web: WebHarness;
  let owner: { accessToken: string };
  let customer: { accessToken: string; user: { id: string } };
  let locationId: string;
  let plain: Item;
  let withChoice: Item;
  let page: Page;

  const cart = async () =>
    (
      await web.call<CartAnswer>(
        'GET',
        `/api/v1/users/${customer.user.id}/restaurants/${locationId}/cart`,
        customer.accessToken,
      )
    ).body;
  /** An amount as the browser's checkout writes it. */
  const money = (minor: number, currency: string) =>
    page.evaluate(
      ([amount, code]) =>
        new Intl.NumberFormat(undefined, { style: 'currency', currency: code as string }).format(
          (amount as number) / 100,
        ),
      [minor, currency],
    );
  const quantities = async () =>
    Object.fromEntries((await cart()).lines.map((line) => [line.name, line.quantity]));

  beforeAll(async () => {
    web = await startWebHarness('ordering-e2e', {
      expectedConsoleErrors: [/status of 402/, /status of 422/],
    });
    owner = await web.login('owner@northwind.example');
    const locations = await web.call<{ items: { id: string }[] }>(
      'GET',
      `/api/v1/businesses/${NORTHWIND_BUSINESS_ID}/locations?limit=200`,
      owner.accessToken,
    );
    locationId = locations.body.items[0]?.id ?? '';
    await web.openAllDay(NORTHWIND_BUSINESS_ID, locationId, owner.accessToken);
    const menu = dishes((await web.call<unknown>('GET', `/api/v1/restaurants/${locationId}/menus`)).body);
    const noChoice = menu.find((item) => item.modifierGroups.length === 0);
    const required = menu.find((item) =>
      item.modifierGroups.some((group) => group.required && group.selection === 'single'),
    );
    if (!noChoice || !required)
      throw new Error('the demo menu has no dish without choices, or none with a required one');
    plain = noChoice;
    withChoice = required;
    const email = `ordering-e2e-${Date.now()}@example.com`;
    const registered = await web.call<{ accessToken: string; user: { id: string } }>(
      'POST',
      '/api/v1/auth/register',
      undefined,
      { email, password: DEMO_TEST_PASSWORD, name: 'Browser Customer' },
    );
    if (registered.status !== 201) throw new Error(`registering a customer: ${registered.status}`);
    customer = registered.body;

    page = await web.openPage();
    await page.goto(`${web.server.url}/restaurants/${locationId}`);
    await web.signIn(page, email);
    await page.waitForURL(`**/restaurants/${locationId}`);
    await page.getByRole('heading', { level: 2, name: 'Your order' }).waitFor();
    await page.getByTestId('cart-empty').waitFor();
  }, 120_000);

  afterAll(async () => {
    await web?.close();
  });

  it('adds dishes to the cart from the menu, insisting on required choices, and changes quantities', async () => {
    await page
      .getByRole('button', { name: `Add ${plain.name}`, exact: true })
      .first()
      .click();
    await expect.poll(quantities, { timeout: 10_000 }).toEqual({ [plain.name]: 1 });
    await page.locator(`.cart-lines li[data-line="${plain.name}"]`).waitFor();

    const dish = page.locator(`li.dish[data-item="${withChoice.name}"]`).first();
    await dish.getByText('Choose and add').click();
    await dish.getByRole('button', { name: /^Add to order/ }).click();
    const group = withChoice.modifierGroups.find(
      (one) => one.required && one.selection === 'single',
    ) as Group;
    await dish.getByText(`${group.name}: choose one.`).waitFor();
    expect(await quantities()).toEqual({ [plain.name]: 1 });

    // Every required group's first available option, two of the dish.
    const picked: string[] = [];
    for (const one of withChoice.modifierGroups) {
      const need = Math.max(one.required ? 1 : 0, one.minSelections);
      for (const option of one.options.filter((o) => o.available).slice(0, need)) {
        await dish
          .getByRole('group', { name: new RegExp(`^${one.name}`) })
          .getByLabel(option.name)
          .check();
        picked.push(option.id);
      }
    }
    await dish.getByLabel('Quantity').fill('2');
    await dish.getByRole('button', { name: /^Add to order/ }).click();
    await dish.getByText('2 added to your order').waitFor();
    await expect.poll(quantities, { timeout: 10_000 }).toEqual({ [plain.name]: 1, [withChoice.name]: 2 });
    const line = (await cart()).lines.find((one) => one.name === withChoice.name);
    expect(line?.modifiers.map((modifier) => modifier.optionId).sort()).toEqual([...picked].sort());

    await page.getByRole('button', { name: `One ${plain.name} more` }).click();
    await expect.poll(quantities, { timeout: 10_000 }).toEqual({ [plain.name]: 2, [withChoice.name]: 2 });
    await page.getByRole('button', { name: `One ${plain.name} less` }).click();
    await expect.poll(quantities, { timeout: 10_000 }).toEqual({ [plain.name]: 1, [withChoice.name]: 2 });
    await web.shoot(page, 'customer-ordering');
  }, 60_000);

  it('puts the dishes back in the order when the card is declined, and places the order with another', async () => {
    await page.getByLabel('Takeout').check();
    await page.getByLabel('Card number').fill('4000 0000 0000 9995');
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.getByTestId('payment-declined').waitFor();
    await expect.poll(quantities, { timeout: 10_000 }).toEqual({ [plain.name]: 1, [withChoice.name]: 2 });
    await page.locator(`.cart-lines li[data-line="${withChoice.name}"]`).waitFor();

    // The checkout shows the server's price for its choices; a promo code that does not apply is
    // refused before anything is placed.
    await page.getByLabel('Promo code').fill('NO-SUCH-CODE');
    await page.getByTestId('quote-problem').getByText('promo_code_invalid').waitFor();
    await page.getByLabel('Promo code').fill('');
    const quoted = await page.getByTestId('quote-total').textContent();

    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL('**/my-orders/*');
    const orderId = page.url().split('/').pop() ?? '';
    await page.getByTestId('detail-status').getByText('Confirmed').waitFor();
    const order = (await web.call<OrderAnswer>('GET', `/api/v1/orders/${orderId}`, customer.accessToken))
      .body;
    expect(order).toMatchObject({
      status: 'confirmed',
      customerId: customer.user.id,
      serviceType: 'takeout',
    });
    expect(order.lines.map((one) => [one.itemId, one.quantity]).sort()).toEqual(
      [
        [plain.id, 1],
        [withChoice.id, 2],
      ].sort(),
    );
    expect(order.totals.tipMinor).toBeGreaterThan(0);
    expect(order.totals.capturedMinor).toBe(order.totals.totalMinor);
    expect(quoted).toBe(await money(order.totals.totalMinor, order.totals.currency));
    expect(order.payments.map((payment) => [payment.status, payment.cardLast4])).toContainEqual([
      'captured',
      '4242',
    ]);
    // The placed order used the cart: it is empty again.
    expect((await cart()).lines).toEqual([]);

    // The kitchen starts on it: the customer's page follows live.
    const moved = await web.call('POST', `/api/v1/orders/${orderId}/status`, owner.accessToken, {
      status: 'preparing',
    });
    expect(moved.status).toBe(200);
    await page.getByTestId('detail-status').getByText('Preparing').waitFor({ timeout: 10_000 });
    await web.shoot(page, 'customer-order');
    // The start page lists it among the customer's orders, and leads back to it.
    await page.getByRole('link', { name: '← Your orders' }).click();
    const listed = page.getByTestId('customer-orders').locator('li').first();
    await listed.getByText('Preparing').waitFor();
    await listed.getByRole('link', { name: new RegExp(`^#${orderId.slice(0, 8)}`) }).click();
    await page.waitForURL(`**/my-orders/${orderId}`);
    await page.getByTestId('detail-status').getByText('Preparing').waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${web.server.url}/restaurants/${locationId}`);
    await page.getByRole('heading', { level: 2, name: 'Your order' }).waitFor();
    await waitForNoHorizontalScroll(page);
    await web.shoot(page, 'customer-ordering-phone');
  }, 60_000);

  it('offers the points the first order earned at the next checkout, and the order redeems them', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page
      .getByRole('button', { name: `Add ${plain.name}`, exact: true })
      .first()
      .click();
    await expect.poll(quantities, { timeout: 10_000 }).toEqual({ [plain.name]: 1 });
    await page.getByLabel('Takeout').check();
    const field = page.getByLabel('Points to use');
    await field.waitFor();
    const hint = (await page.getByText(/^You have \d+ loyalty points/).textContent()) ?? '';
    const balance = Number(/You have (\d+)/.exec(hint)?.[1]);
    expect(balance).toBeGreaterThan(0);
    const before = await page.getByTestId('quote-total').textContent();
    await field.fill(String(balance + 1));
    await page.getByTestId('quote-problem').getByText('loyalty_insufficient_points').waitFor();
    // Northwind counts 10 points to the cent: all of them, as far as the order absorbs them.
    await field.fill(String(balance));
    const row = page.getByTestId('price-summary').getByText(/^\d+ points?$/);
    await row.waitFor();
    const redeemed = Number.parseInt((await row.textContent()) ?? '', 10);
    expect(redeemed).toBeGreaterThan(0);
    const after = await page.getByTestId('quote-total').textContent();
    expect(after).not.toBe(before);

    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL('**/my-orders/*');
    const orderId = page.url().split('/').pop() ?? '';
    const order = (await web.call<OrderAnswer>('GET', `/api/v1/orders/${orderId}`, customer.accessToken))
      .body;
    expect(order.loyalty.pointsRedeemed).toBe(redeemed);
    expect(order.totals.loyaltyDiscountMinor).toBeGreaterThan(0);
    expect(after).toBe(await money(order.totals.totalMinor, order.totals.currency));
  }, 60_000);

  it('lists the latest ten orders on the start page, and older ones on request', async () => {
    // Three so far (the declined one, the paid one, the one with points): nine more make twelve.
    for (let n = 0; n < 9; n += 1) {
      const placed = await web.call(
        'POST',
        `/api/v1/restaurants/${locationId}/orders`,
        customer.accessToken,
        {
          serviceType: 'takeout',
          items: [{ itemId: plain.id, quantity: 1 }],
          payment: { method: 'cash' },
        },
      );
      expect(placed.status).toBe(201);
    }
    await page.getByRole('link', { name: '← Your orders' }).click();
    const rows = page.getByTestId('customer-orders').locator('li');
    await expect.poll(() => rows.count()).toBe(10);
    await page.getByRole('button', { name: 'Show older orders' }).click();
    await expect.poll(() => rows.count()).toBe(12);
    expect(await page.getByRole('button', { name: 'Show older orders' }).count()).toBe(0);
    // The oldest is the declined one, cancelled.
    expect(await rows.last().getByTestId('customer-order-status').textContent()).toBe('Cancelled');
  }, 60_000);

  it('logged no console error but the declined payment’s 402 and the refused choices’ 422', () => {
    expect(web.consoleErrors).toEqual([]);
  });

  it('breaks no WCAG 2.1 A/AA rule (axe-core) on any screen shot', () => {
    const broken = Object.entries(web.accessibility).filter(([, violations]) => violations.length > 0);
    expect(broken).toEqual([]);
  });
});
