import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NORTHWIND_BUSINESS_ID } from '../../src/demo/seed-demo.js';
import { isChromiumAvailable } from './support/chromium.js';
import {
  placeTakeoutOrder,
  startWebHarness,
  type WebHarness,
  waitForNoHorizontalScroll,
} from './support/web-harness.js';

interface Session {
  accessToken: string;
  user: { id: string; name: string; memberships: { businessId: string; locationIds: string[] }[] };
}
interface Shift {
  id: string;
  userId: string;
  minutes: number;
  clockOutAt: string | null;
}
interface Timesheet {
  people: {
    userId: string;
    minutes: number;
    regularMinutes: number;
    overtimeMinutes: number;
    payMinor: number;
  }[];
}

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/**
 * The time clock in headless Chromium, on the embedded platform as `npm start` runs it: the demo cook
 * clocks in from the start page; the owner sees her on shift and clocks her out from the time-clock
 * screen, then corrects the shift there to the nine hours she really worked (from ten hours ago), and
 * reads her nine hours — eight regular, one overtime — and the pay at her rate, as the API computes
 * them.
 */
describe.skipIf(!(await isChromiumAvailable()))('time clock in headless Chromium', () => {
  let web: WebHarness;
  let owner: Session;
  let cook: Session;

  beforeAll(async () => {
    web = await startWebHarness('time-clock-e2e');
    owner = await web.login<Session>('owner@northwind.example');
    cook = await web.login<Session>('kitchen@northwind.example');
    const rate = await web.call(
      'PATCH',
      `/api/v1/businesses/${NORTHWIND_BUSINESS_ID}/users/${cook.user.id}`,
      owner.accessToken,
      { hourlyRateMinor: 1800 },
    );
    expect(rate.status).toBe(200);
    // A sale in her restaurant, so the timesheet has net sales to set her pay against.
    const restaurant = cook.user.memberships[0]?.locationIds[0];
    if (!restaurant) throw new Error('the demo cook covers no restaurant');
    await web.openAllDay(NORTHWIND_BUSINESS_ID, restaurant, owner.accessToken);
    await placeTakeoutOrder(web, restaurant);
  }, 120_000);
  afterAll(async () => {
    await web?.close();
  });

  const openShifts = async () =>
    (
      await web.call<{ shifts: Shift[] }>(
        'GET',
        `/api/v1/businesses/${NORTHWIND_BUSINESS_ID}/time-clock/shifts?open=true&userId=${cook.user.id}`,
        owner.accessToken,
      )
    ).body.shifts;

  it('clocks the cook in from her start page and out from the owner’s time clock, with the hours and pay', async () => {
    const page = await web.openPage();
    await page.goto(`${web.server.url}/`);
    await web.signIn(page, 'kitchen@northwind.example');
    // The demo cook covers three restaurants, so she lands on her start page.
    await page.getByRole('heading', { name: /Time clock/ }).waitFor();
    await page.getByRole('button', { name: 'Clock in' }).click();
    await page.getByRole('status').getByText('On shift at').waitFor();
    await web.shoot(page, 'time-clock-card');
    const [shift] = await openShifts();
    expect(shift?.userId).toBe(cook.user.id);
    // The business's time clock is the managers': she would see only her own shift there.
    await page.goto(`${web.server.url}/timesheet/${NORTHWIND_BUSINESS_ID}`);
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    expect(await page.getByTestId('on-shift').count()).toBe(0);

    const ownerPage = await web.openPage();
    await ownerPage.goto(`${web.server.url}/`);
    await web.signIn(ownerPage, 'owner@northwind.example');
    await ownerPage.waitForURL(/\/dashboard\//);
    await ownerPage.goto(`${web.server.url}/timesheet/${NORTHWIND_BUSINESS_ID}`);
    const onShift = ownerPage.getByTestId('on-shift');
    await onShift.getByRole('cell', { name: cook.user.name, exact: true }).waitFor();
    await ownerPage.getByRole('button', { name: `Clock out ${cook.user.name}` }).click();
    await ownerPage.getByText('Nobody is clocked in.').waitFor();
    expect(await openShifts()).toEqual([]);

    // The sale reaches the lake within seconds: the week's net sales exist before the timesheet below
    // asks for them.
    const summaryUrl = `/api/v1/businesses/${NORTHWIND_BUSINESS_ID}/analytics/financial/summary?from=${daysAgo(7)}&to=${daysAgo(0)}`;
    for (let waited = 0; ; waited += 1000) {
      const summary = await web.call<{ netSalesMinor: number }>('GET', summaryUrl, owner.accessToken);
      if (summary.status === 200 && summary.body.netSalesMinor > 0) break;
      if (waited > 90_000) throw new Error(`no net sales in the lake: ${JSON.stringify(summary.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }

    // She had in fact worked nine hours, from ten hours ago: the owner corrects the shift on screen.
    await ownerPage.getByLabel('From').fill(daysAgo(7));
    const [clockIn, clockOut] = (await ownerPage.evaluate(`(() => {
      const pad = (n) => String(n).padStart(2, '0');
      const local = (d) => d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + pad(d.getHours()) + ':' + pad(d.getMinutes());
      const start = new Date(Date.now() - 10 * 3600000);
      start.setSeconds(0, 0);
      return [local(start), local(new Date(start.getTime() + 9 * 3600000))];
    })()`)) as [string, string];
    await ownerPage.getByRole('button', { name: `Correct ${cook.user.name}'s shift` }).click();
    await ownerPage.getByLabel('Clocked in').fill(clockIn);
    await ownerPage.getByLabel('Clocked out').fill(clockOut);
    await ownerPage.getByLabel('Reason').fill('Forgot to clock in');
    await web.shoot(ownerPage, 'shift-correction');
    await ownerPage.getByRole('button', { name: 'Save correction' }).click();
    await ownerPage.getByTestId('shifts').getByText('Forgot to clock in').waitFor();
    const [corrected] = (
      await web.call<{ shifts: (Shift & { correctionReason: string })[] }>(
        'GET',
        `/api/v1/businesses/${NORTHWIND_BUSINESS_ID}/time-clock/shifts?userId=${cook.user.id}`,
        owner.accessToken,
      )
    ).body.shifts;
    expect(corrected).toMatchObject({ minutes: 540, correctionReason: 'Forgot to clock in' });

    const sheet = await web.call<Timesheet>(
      'GET',
      `/api/v1/businesses/${NORTHWIND_BUSINESS_ID}/time-clock/timesheet?from=${daysAgo(7)}&to=${daysAgo(0)}`,
      owner.accessToken,
    );
    const mine = sheet.body.people.find((person) => person.userId === cook.user.id);
    expect(mine).toMatchObject({ minutes: 540, regularMinutes: 480, overtimeMinutes: 60 });
    // 8 h × 18.00 + 1 h × 27.00 = 171.00
    expect(mine?.payMinor).toBe(17_100);
    const row = ownerPage.getByTestId('timesheet').getByRole('row', { name: new RegExp(cook.user.name) });
    await row.getByText('9 h 00').waitFor();
    await row.getByText('1 h 00').waitFor();
    await row.getByText('171.00').waitFor();
    // The pay as a share of the same days' net sales, as the financial summary gives them.
    const share = ownerPage.getByTestId('labour-share');
    await share.waitFor();
    const { body: sales } = await web.call<{ netSalesMinor: number }>('GET', summaryUrl, owner.accessToken);
    const text = (await share.textContent()) ?? '';
    expect(text).toContain('171.00');
    // One small sale against nine hours' pay: well over 100% (the browser writes 1,561.6%).
    const percent = Number(/([\d,.]+)%/.exec(text)?.[1]?.replaceAll(',', ''));
    expect(percent).toBeCloseTo((17_100 / sales.netSalesMinor) * 100, 1);
    await web.shoot(ownerPage, 'timesheet');

    // The same figures as a CSV for payroll.
    const [download] = await Promise.all([
      ownerPage.waitForEvent('download'),
      ownerPage.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^timesheet-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      'name,user_id,date,shifts,hours,regular_hours,overtime_hours,pay,currency',
    );
    expect(csv).toContain(`${cook.user.name},${cook.user.id},`);
    expect(csv).toContain(',1,9.00,8.00,1.00,171.00,CAD');

    // On a phone the tables scroll in their own boxes; the page never scrolls sideways.
    await ownerPage.setViewportSize({ width: 390, height: 844 });
    await ownerPage.getByTestId('timesheet').waitFor();
    await waitForNoHorizontalScroll(ownerPage);
  }, 150_000);

  it('shows no console errors and breaks no accessibility rule on the screens shot', () => {
    expect(web.consoleErrors).toEqual([]);
    const broken = Object.entries(web.accessibility).filter(([, violations]) => violations.length > 0);
    expect(broken).toEqual([]);
  });
});
