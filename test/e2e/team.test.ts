import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NORTHWIND_BUSINESS_ID } from '../../src/demo/seed-demo.js';
import { isChromiumAvailable } from './support/chromium.js';
import { mailedPasswordLink } from './support/outgoing-mail.js';
import { startWebHarness, type WebHarness, waitForNoHorizontalScroll } from './support/web-harness.js';

interface Session {
  accessToken: string;
}
interface Member {
  userId: string;
  email: string;
  role: string;
  position: string | null;
  locationIds: string[];
  hourlyRateMinor: number | null;
}
const REMY = 'remy.new@northwind.example';

/**
 * The team screen in headless Chromium: the demo owner adds a new cashier for one restaurant at 17.50
 * an hour — a new address, so Brigade emails an invitation (read from the development sink's
 * DATA_DIR/outgoing-notifications.jsonl) — the invitee chooses a password from the link and is signed
 * in as a cashier; the owner raises the rate to 18.25 and then removes the member, each change checked
 * through the API.
 */
describe.skipIf(!(await isChromiumAvailable()))('team screen in headless Chromium', () => {
  let web: WebHarness;
  let owner: Session;

  beforeAll(async () => {
    web = await startWebHarness('team-e2e');
    owner = await web.login<Session>('owner@northwind.example');
  }, 120_000);
  afterAll(async () => {
    await web?.close();
  });

  // Every member, page by page: the demo chain has hundreds (each restaurant's crew).
  const members = async () => {
    const all: Member[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Member[]; nextCursor: string | null } } = await web.call(
        'GET',
        `/api/v1/businesses/${NORTHWIND_BUSINESS_ID}/users?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
        owner.accessToken,
      );
      all.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return all;
  };
  it('invites a new cashier, who chooses a password; changes the rate; removes the member', async () => {
    const page = await web.openPage();
    await page.goto(`${web.server.url}/`);
    await web.signIn(page, 'owner@northwind.example');
    await page.waitForURL(/\/dashboard\//);
    await page.goto(`${web.server.url}/team/${NORTHWIND_BUSINESS_ID}`);
    await page.getByRole('heading', { name: /^Team/ }).waitFor();

    await page.getByLabel('Email').fill(REMY);
    await page.getByLabel('Name').fill('Remy Nouveau');
    await page.locator('#add-role').selectOption('staff');
    await page.locator('#add-position').selectOption('cashier');
    const firstPlace = page.locator('form').getByRole('checkbox').first();
    await firstPlace.check();
    await page
      .getByLabel(/Hourly rate/)
      .first()
      .fill('17.50');
    await page.getByRole('button', { name: 'Add and invite' }).click();
    await page.getByRole('status').getByText('Remy Nouveau added').waitFor();
    await web.shoot(page, 'team');
    const added = (await members()).find((member) => member.email === REMY);
    expect(added).toMatchObject({ role: 'staff', position: 'cashier', hourlyRateMinor: 1750 });
    expect(added?.locationIds).toHaveLength(1);

    // The invitee follows the emailed link and lands signed in.
    const link = await mailedPasswordLink(web.demo.dataDir, REMY, 'invitation');
    const invitee = await web.openPage();
    await invitee.goto(link);
    await invitee.getByLabel('New password', { exact: true }).fill('remy chose this');
    await invitee.getByLabel('Repeat the new password').fill('remy chose this');
    await invitee.getByRole('button', { name: 'Save and sign in' }).click();
    await invitee.getByRole('link', { name: /Remy Nouveau/ }).waitFor();
    await invitee.getByRole('link', { name: /Orders · Northwind/ }).waitFor();

    await page.getByRole('button', { name: 'Edit Remy Nouveau' }).click();
    await page.locator('#edit-rate').fill('18.25');
    await page.getByRole('button', { name: 'Save' }).click();
    await page
      .getByRole('row', { name: /Remy Nouveau/ })
      .getByText('18.25')
      .waitFor();
    expect((await members()).find((member) => member.email === REMY)?.hourlyRateMinor).toBe(1825);

    await page.getByRole('button', { name: 'Remove Remy Nouveau' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('row', { name: /Remy Nouveau/ }).waitFor({ state: 'detached' });
    expect((await members()).some((member) => member.email === REMY)).toBe(false);

    // On a phone the members table scrolls in its own box; the page never scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('team').waitFor();
    await waitForNoHorizontalScroll(page);
  });

  it('shows no console errors and breaks no accessibility rule on the screens shot', () => {
    expect(web.consoleErrors).toEqual([]);
    const broken = Object.entries(web.accessibility).filter(([, violations]) => violations.length > 0);
    expect(broken).toEqual([]);
  });
});
