import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NORTHWIND_BUSINESS_ID } from '../../src/demo/seed-demo.js';
import { isChromiumAvailable } from './support/chromium.js';
import {
  findOrderableItem,
  startWebHarness,
  type WebHarness,
  waitForNoHorizontalScroll,
} from './support/web-harness.js';

/**
 * The refusals the browser logs on purpose: the negative price and the broken group rule (400), and
 * deleting a modifier group items still offer (409).
 */
const EXPECTED_REFUSALS = /Failed to load resource: the server responded with a status of (400|409)/;

interface Session {
  accessToken: string;
  user: { memberships: { businessId: string; role: string; locationIds: string[] }[] };
}

interface AdminItem {
  id: string;
  menuId: string;
  name: string;
  priceMinor: number;
  available: boolean;
  modifierGroupIds: string[];
}

const items = (id = '') => `/api/v1/businesses/${NORTHWIND_BUSINESS_ID}/menu/items${id ? `/${id}` : ''}`;

/**
 * The menu manager and the customer menu in headless Chromium: the owner edits a dish (a refused
 * negative price shown next to its field, then a new price and name), switches it off, builds a
 * modifier group and a category; a customer sees each change on the restaurant's menu; kitchen staff
 * may read the menu but not change it. Screens go to artifacts/screenshots/.
 */
describe.skipIf(!(await isChromiumAvailable()))('menu manager and customer menu in headless Chromium', () => {
  let web: WebHarness;
  let owner: Session;
  let locationId: string;
  let item: AdminItem;
  let ownerPage: Page;
  let customerPage: Page;
  const newName = `Chef's ${Date.now().toString(36)} special`;

  const adminItem = async () => (await web.call<AdminItem>('GET', items(item.id), owner.accessToken)).body;
  const editorOf = (page: Page) => page.locator('form.editor');

  beforeAll(async () => {
    web = await startWebHarness('menu-e2e', { expectedConsoleErrors: [EXPECTED_REFUSALS] });
    owner = await web.login<Session>('owner@northwind.example');
    const kitchen = await web.login<Session>('kitchen@northwind.example');
    const location = kitchen.user.memberships[0]?.locationIds[0];
    if (!location) throw new Error('the demo kitchen login covers no location');
    locationId = location;
    await web.openAllDay(NORTHWIND_BUSINESS_ID, locationId, owner.accessToken);
    const menus = await web.call<unknown>('GET', `/api/v1/restaurants/${locationId}/menus`);
    item = (await web.call<AdminItem>('GET', items(findOrderableItem(menus.body)), owner.accessToken)).body;
  }, 120_000);

  afterAll(async () => {
    await web?.close();
  });

  it('opens the menu manager for the owner and finds the item by search', async () => {
    ownerPage = await web.openPage();
    const page = ownerPage;
    await page.goto(`${web.server.url}/menu/${NORTHWIND_BUSINESS_ID}?menu=${item.menuId}`);
    await web.signIn(page, 'owner@northwind.example');
    await page.getByRole('heading', { level: 1, name: 'Menu · Northwind Table Co.' }).waitFor();
    await page.locator('.outline-item').first().waitFor();
    await page.getByLabel('Search items').fill(item.name);
    await page.getByText(/of \d+ items match/).waitFor();
    await page.locator(`[data-item="${item.name}"] .item-pick`).click();
    await page.getByRole('heading', { level: 2, name: item.name }).waitFor();
    expect(await page.getByLabel(/^Price \(/).inputValue()).toBe((item.priceMinor / 100).toFixed(2));
    await web.shoot(page, 'menu-manager');
  });

  it("shows the API's refusal of a negative price next to the price field, and saves nothing", async () => {
    const page = ownerPage;
    const price = page.getByLabel(/^Price \(/);
    await price.fill('-5');
    await page.getByRole('button', { name: 'Save item' }).click();
    const error = page.locator(`[data-field-error="item-${item.id}-priceMinor"]`);
    await error.waitFor();
    expect(await error.textContent()).toContain('>= 0');
    expect(await price.getAttribute('aria-invalid')).toBe('true');
    // Focus moves to the field to fix.
    await expect
      .poll(() => price.evaluate((input) => input === input.ownerDocument.activeElement))
      .toBe(true);
    expect(await page.getByTestId('save-error').textContent()).toContain('validation_failed');
    expect((await adminItem()).priceMinor).toBe(item.priceMinor);
    await web.shoot(page, 'menu-item-error');
  });

  it('saves a new price and a new name', async () => {
    const page = ownerPage;
    await page.getByLabel(/^Price \(/).fill('23.45');
    await page.getByLabel('Name', { exact: true }).fill(newName);
    await page.getByRole('button', { name: 'Save item' }).click();
    await editorOf(page).getByRole('status').getByText('Saved').waitFor();
    const saved = await adminItem();
    expect(saved.priceMinor).toBe(2345);
    expect(saved.name).toBe(newName);
    // The list follows the save (the search still names the old item; clear it).
    await page.getByLabel('Search items').fill('');
    await page.locator(`[data-item="${newName}"]`).waitFor();
  });

  it('shows the customer the new name and price on the restaurant menu', async () => {
    customerPage = await web.openPage();
    const page = customerPage;
    await page.goto(`${web.server.url}/`);
    await web.signIn(page, 'ava@northwind.example');
    await page.getByRole('heading', { level: 2, name: 'Restaurants' }).waitFor();
    await page.locator(`a[href="/restaurants/${locationId}"]`).click();
    await page.waitForURL(`**/restaurants/${locationId}`);
    const dish = page.locator(`.dish[data-item="${newName}"]`);
    await dish.waitFor();
    expect(await dish.getByTestId('dish-price').textContent()).toContain('23.45');
    expect(await dish.getByTestId('dish-unavailable').count()).toBe(0);
    expect(await page.locator(`.dish[data-item="${item.name}"]`).count()).toBe(0);
    await page.getByTestId('open-state').getByText('Open now').waitFor();
    await web.shoot(page, 'customer-menu');
    // The section links jump within the page and keep the screen.
    await page
      .getByRole('navigation', { name: /sections$/ })
      .getByRole('link')
      .last()
      .click();
    await page.waitForURL(/#category-/);
    await dish.waitFor();
  });

  it('switches the item off from the list; the customer menu shows it unavailable', async () => {
    const page = ownerPage;
    const toggle = page.getByRole('switch', { name: `Available: ${newName}` });
    expect(await toggle.getAttribute('aria-checked')).toBe('true');
    await toggle.click();
    await page.locator(`[role="switch"][aria-label="Available: ${newName}"][aria-checked="false"]`).waitFor();
    expect((await adminItem()).available).toBe(false);
    // The open editor follows the change made from the list.
    expect(await page.getByLabel('Available to order').isChecked()).toBe(false);

    await customerPage.reload();
    const dish = customerPage.locator(`.dish.unavailable[data-item="${newName}"]`);
    await dish.waitFor();
    expect(await dish.getByTestId('dish-unavailable').textContent()).toBe('Unavailable now');
  });

  it('asks before dropping unsaved edits when another item is picked', async () => {
    const page = ownerPage;
    await page.getByLabel('Description').fill('Edited, not saved');
    const other = page.locator('.outline-item .item-pick').filter({ hasNotText: newName }).first();
    const dialog = page.waitForEvent('dialog');
    const click = other.click();
    const asked = await dialog;
    expect(asked.message()).toContain('unsaved');
    await asked.dismiss();
    await click;
    expect(await page.getByRole('heading', { level: 2, name: newName }).count()).toBe(1);
    expect(await page.getByLabel('Description').inputValue()).toBe('Edited, not saved');
    await page.getByRole('button', { name: 'Undo changes' }).click();
  });

  it('creates a modifier group (its rule errors shown by field), attaches it, and the customer sees it', async () => {
    const page = ownerPage;
    await page.getByRole('button', { name: 'Modifier groups' }).click();
    await page.getByRole('button', { name: 'New modifier group' }).click();
    const editor = editorOf(page);
    await editor.getByLabel('Name', { exact: true }).fill('E2E sauce');
    await editor.getByLabel('Option 1', { exact: true }).fill('Garlic aioli');
    await editor
      .getByLabel(/^Extra/)
      .first()
      .fill('0.50');
    await editor.getByRole('button', { name: 'Add option' }).click();
    await editor.getByLabel('Option 2', { exact: true }).fill('Hot sauce');
    // Required with none to pick: the API names minSelections.
    await editor.getByLabel('Required (the customer must choose)').check();
    await editor.getByRole('button', { name: 'Create group' }).click();
    const rule = page.locator('[data-field-error="group-new-minSelections"]');
    await rule.waitFor();
    expect(await rule.textContent()).toContain('at least 1');
    await web.shoot(page, 'menu-modifier-group-error');
    await editor.getByLabel('At least').fill('1');
    await editor.getByRole('button', { name: 'Create group' }).click();
    await page.getByRole('heading', { level: 2, name: 'Modifier group: E2E sauce' }).waitFor();
    const groups = await web.call<{ items: { id: string; name: string; required: boolean }[] }>(
      'GET',
      `/api/v1/businesses/${NORTHWIND_BUSINESS_ID}/menu/modifiers?limit=200`,
      owner.accessToken,
    );
    const group = groups.body.items.find((one) => one.name === 'E2E sauce');
    expect(group?.required).toBe(true);

    await page.getByRole('button', { name: 'Categories and items' }).click();
    await page.locator(`[data-item="${newName}"] .item-pick`).click();
    await page.getByLabel(/^E2E sauce/).check();
    await page.getByLabel('Available to order').check();
    await page.getByRole('button', { name: 'Save item' }).click();
    await editorOf(page).getByRole('status').getByText('Saved').waitFor();
    const saved = await adminItem();
    expect(saved.modifierGroupIds).toContain(group?.id);
    expect(saved.available).toBe(true);

    await customerPage.reload();
    const dish = customerPage.locator(`.dish[data-item="${newName}"]`);
    // Orderable now: the customer chooses from the new group to add the dish to their order.
    await dish.getByText('Choose and add').click();
    const choices = dish.getByRole('group', { name: /^E2E sauce/ });
    await choices.getByLabel(/^Garlic aioli/).waitFor();
    expect(await dish.getByTestId('dish-unavailable').count()).toBe(0);
    expect(await choices.textContent()).toContain('0.50');
    expect(await choices.textContent()).toContain('required · pick one');
  });

  it('creates a category and deletes it after confirming', async () => {
    const page = ownerPage;
    await page.getByRole('button', { name: 'Categories and items' }).click();
    await page.getByRole('button', { name: 'New category' }).click();
    await editorOf(page).getByLabel('Name', { exact: true }).fill('E2E specials');
    await page.getByRole('button', { name: 'Create category' }).click();
    await page.getByRole('heading', { level: 2, name: 'Category: E2E specials' }).waitFor();
    await page.locator('.outline-category[data-category="E2E specials"]').waitFor();
    const listed = async () =>
      (
        await web.call<{ items: { name: string }[] }>(
          'GET',
          `/api/v1/businesses/${NORTHWIND_BUSINESS_ID}/menu/categories?menuId=${item.menuId}&limit=200`,
          owner.accessToken,
        )
      ).body.items.some((category) => category.name === 'E2E specials');
    expect(await listed()).toBe(true);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete category' }).click();
    await page.locator('.outline-category[data-category="E2E specials"]').waitFor({ state: 'detached' });
    expect(await listed()).toBe(false);
  });

  it('creates an item in a category and deletes it after confirming', async () => {
    const page = ownerPage;
    const category = page.locator('.outline-category').first();
    const categoryName = await category.getAttribute('data-category');
    await page.getByRole('button', { name: `New item in ${categoryName}` }).click();
    const editor = editorOf(page);
    await editor.getByLabel('Name', { exact: true }).fill('E2E toast');
    await editor.getByLabel(/^Price \(/).fill('7.25');
    await editor.getByLabel(/^Cost \(/).fill('1.1');
    await editor.getByLabel('Allergens').fill('gluten, dairy');
    await editor.getByRole('button', { name: 'Create item' }).click();
    await page.getByRole('heading', { level: 2, name: 'E2E toast' }).waitFor();
    await editorOf(page).getByRole('status').getByText('Created').waitFor();
    const found = async () =>
      (
        await web.call<{ items: (AdminItem & { costMinor: number; allergens: string[] })[] }>(
          'GET',
          `${items()}?q=E2E%20toast`,
          owner.accessToken,
        )
      ).body.items;
    const [created] = await found();
    expect(created).toMatchObject({ priceMinor: 725, costMinor: 110, allergens: ['gluten', 'dairy'] });

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete item' }).click();
    await page.locator('[data-item="E2E toast"]').waitFor({ state: 'detached' });
    expect(await found()).toEqual([]);
  });

  it('refuses to delete a modifier group items still offer, showing the API answer', async () => {
    const page = ownerPage;
    await page.getByRole('button', { name: 'Modifier groups' }).click();
    await page.locator('.group-pick', { hasText: 'E2E sauce' }).click();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete group' }).click();
    const refusal = page.getByTestId('save-error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('Not deleted. 409 in_use');
    await page.getByRole('button', { name: 'Categories and items' }).click();
  });

  it('fits a phone: no horizontal page scroll on the manager and the customer menu', async () => {
    const page = await web.openPage({ width: 390, height: 844 });
    await page.goto(`${web.server.url}/menu/${NORTHWIND_BUSINESS_ID}?menu=${item.menuId}`);
    await web.signIn(page, 'owner@northwind.example');
    await page.locator('.outline-item').first().waitFor();
    await page.locator(`[data-item="${newName}"] .item-pick`).click();
    await page.getByRole('heading', { level: 2, name: newName }).waitFor();
    await waitForNoHorizontalScroll(page);
    await web.shoot(page, 'menu-manager-phone');

    await customerPage.setViewportSize({ width: 390, height: 844 });
    await waitForNoHorizontalScroll(customerPage);
    await web.shoot(customerPage, 'customer-menu-phone');
  });

  it('lets kitchen staff read the menu without offering a save; the API refuses their writes', async () => {
    const page = await web.openPage();
    await page.goto(`${web.server.url}/menu/${NORTHWIND_BUSINESS_ID}?menu=${item.menuId}`);
    await web.signIn(page, 'kitchen@northwind.example');
    await page.getByTestId('read-only').waitFor();
    await page.locator(`[data-item="${newName}"] .item-pick`).click();
    await page.getByRole('heading', { level: 2, name: newName }).waitFor();
    expect(await page.getByRole('button', { name: 'Save item' }).count()).toBe(0);
    expect(await page.getByRole('switch').count()).toBe(0);
    expect(await page.getByLabel(/^Price \(/).isDisabled()).toBe(true);
    await web.shoot(page, 'menu-read-only');

    const kitchen = await web.login<Session>('kitchen@northwind.example');
    const refused = await web.call<{ code: string }>('PATCH', items(item.id), kitchen.accessToken, {
      priceMinor: 1,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');
    expect((await adminItem()).priceMinor).toBe(2345);
  });

  it('logged no console errors (the provoked refusals aside)', () => {
    expect(web.consoleErrors).toEqual([]);
  });

  it('breaks no WCAG 2.1 A/AA rule (axe-core) on any screen shot', () => {
    const broken = Object.entries(web.accessibility).filter(([, violations]) => violations.length > 0);
    expect(broken).toEqual([]);
  });
});
