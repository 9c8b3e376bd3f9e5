import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NORTHWIND_BUSINESS_ID } from '../../src/demo/seed-demo.js';
import { isChromiumAvailable } from './support/chromium.js';
import {
  placeTakeoutOrder,
  startWebHarness,
  type WebHarness,
  waitForNoHorizontalScroll,
} from './support/web-harness.js';

/** The browser logs the API's refusals this suite provokes on purpose: bad SQL (400, 422) and a manager (403). */
const EXPECTED = [/Failed to load resource: the server responded with a status of (400|403|422)/];
const SQL_PATH = `/sql/${NORTHWIND_BUSINESS_ID}`;
/** A result of exactly this many rows, larger than the first page (25), made without any table function. */
const SQUARES = 60;
const SQUARES_SQL = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${SQUARES})
SELECT i AS n, i * i AS square FROM n ORDER BY i`;

interface SqlAnswer {
  columns: { name: string }[];
  rows: unknown[][];
}

/**
 * The owner's SQL console in headless Chromium: a query over the lake finds a real order, a larger
 * result pages, charts and downloads as CSV, bad SQL shows the API's code beside the editor, and a
 * manager is refused with the API's 403.
 */
describe.skipIf(!(await isChromiumAvailable()))('SQL console in headless Chromium', () => {
  let web: WebHarness;
  let ownerToken: string;
  let page: Page;
  let orderId: string;
  let orderTotal: number;

  const sqlOverApi = async (sql: string) =>
    web.call<SqlAnswer>('POST', `/api/v1/businesses/${NORTHWIND_BUSINESS_ID}/analytics/sql`, ownerToken, {
      sql,
    });

  beforeAll(async () => {
    web = await startWebHarness('sql-console-e2e', { expectedConsoleErrors: EXPECTED });
    ownerToken = (await web.login('owner@northwind.example')).accessToken;
    const locations = await web.call<{ items: { id: string }[] }>(
      'GET',
      `/api/v1/businesses/${NORTHWIND_BUSINESS_ID}/locations?limit=200`,
      ownerToken,
    );
    const locationId = locations.body.items[0]?.id;
    if (!locationId) throw new Error('Northwind has no location');
    await web.openAllDay(NORTHWIND_BUSINESS_ID, locationId, ownerToken);
    orderId = (await placeTakeoutOrder(web, locationId)).orderId;
    const order = await web.call<{ totals: { totalMinor: number } }>(
      'GET',
      `/api/v1/orders/${orderId}`,
      ownerToken,
    );
    orderTotal = order.body.totals.totalMinor;
    // The e2e platform flushes the lake every 200 ms: wait until the order is in the silver view.
    const inLake = async () =>
      (await sqlOverApi(`SELECT count(*) FROM orders WHERE order_id = '${orderId}'`)).body.rows?.[0]?.[0];
    const deadline = Date.now() + 30_000;
    while ((await inLake()) !== '1') {
      if (Date.now() > deadline) throw new Error(`order ${orderId} did not reach the lake in 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }, 120_000);

  afterAll(async () => {
    await web?.close();
  });

  it('runs a query over the lake from the editor and shows the order the API placed', async () => {
    page = await web.openPage();
    await page.goto(`${web.server.url}/`);
    await web.signIn(page, 'owner@northwind.example');
    await page.getByRole('link', { name: 'SQL', exact: true }).click();
    await page.waitForURL(`**${SQL_PATH}`);
    await page.getByRole('button', { name: 'orders', exact: true }).waitFor();

    const editor = page.getByLabel('Query', { exact: true });
    await editor.fill(
      `SELECT order_id, service_type, total, currency\nFROM orders\nWHERE order_id = '${orderId}'`,
    );
    await editor.press('Control+Enter');
    await page
      .getByTestId('sql-status')
      .filter({ hasText: /1 row ·/ })
      .waitFor();
    const cells = await page.locator('.sql-table tbody tr').first().locator('td').allTextContents();
    expect(cells).toEqual([orderId, 'takeout', String(orderTotal), 'CAD']);
    await web.shoot(page, 'sql-console');

    // A reload keeps the query (sessionStorage), as the tab's session is kept.
    await page.reload();
    expect(await page.getByLabel('Query', { exact: true }).inputValue()).toContain(orderId);

    // A table of the list starts a query in an empty editor.
    await page.getByLabel('Query', { exact: true }).fill('');
    await page.getByRole('button', { name: 'dim_items', exact: true }).click();
    expect(await page.getByLabel('Query', { exact: true }).inputValue()).toBe(
      'SELECT *\nFROM dim_items\nLIMIT 100',
    );
    // An example replaces the text.
    await page.getByLabel('Start from an example').selectOption({ label: 'Sales by day' });
    expect(await page.getByLabel('Query', { exact: true }).inputValue()).toContain(
      'FROM gold_daily_sales_summary',
    );
  }, 60_000);

  it('pages through a larger result, draws the quick chart and downloads it as CSV', async () => {
    const editor = page.getByLabel('Query', { exact: true });
    await editor.fill(SQUARES_SQL);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const pager = page.getByTestId('sql-page');
    await pager.filter({ hasText: `Rows 1–25 of ${SQUARES}` }).waitFor();
    expect(await page.locator('.sql-table tbody tr').count()).toBe(25);
    await page.getByRole('button', { name: 'Next page' }).click();
    await pager.filter({ hasText: `Rows 26–50 of ${SQUARES}` }).waitFor();
    expect(await page.locator('.sql-table tbody tr').first().locator('td').allTextContents()).toEqual([
      '26',
      '676',
    ]);
    await page.getByRole('button', { name: 'Next page' }).click();
    await pager.filter({ hasText: `Rows 51–60 of ${SQUARES}` }).waitFor();
    expect(await page.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);

    await page.getByRole('button', { name: 'Chart' }).click();
    await page.locator('[data-testid="sql-chart"] canvas').waitFor();
    await page.getByLabel('Draw as').selectOption('line');
    await page.locator('[data-testid="sql-chart"] canvas').waitFor();
    await web.shoot(page, 'sql-console-chart');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^brigade-sql-.*\.csv$/);
    const path = await download.path();
    const lines = (await readFile(path, 'utf8')).split('\r\n');
    expect(lines[0]).toBe('n,square');
    expect(lines.slice(1, 3)).toEqual(['1,1', '2,4']);
    expect(lines[SQUARES]).toBe(`${SQUARES},${SQUARES * SQUARES}`);
    expect(lines).toHaveLength(SQUARES + 2); // the header, the rows and the empty string after the last CRLF
  }, 60_000);

  it("shows the API's error code and DuckDB's message next to the editor for bad SQL", async () => {
    const editor = page.getByLabel('Query', { exact: true });
    await editor.fill("SELECT * FROM read_csv('/etc/passwd')");
    await editor.press('Control+Enter');
    const code = page.getByTestId('sql-error-code');
    await code.filter({ hasText: 'sql_not_allowed' }).waitFor();

    await editor.fill('SELECT no_such_column FROM orders');
    await editor.press('Control+Enter');
    await code.filter({ hasText: 'sql_failed' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('no_such_column');

    // A typo on the third line: DuckDB's parser names the line, shown beside its message.
    await editor.fill('SELECT order_id\nFROM orders\nWHER total > 0');
    await editor.press('Control+Enter');
    await code.filter({ hasText: 'sql_invalid' }).waitFor();
    expect(await editor.getAttribute('aria-invalid')).toBe('true');
    const alert = await page.getByRole('alert').textContent();
    expect(alert).toContain('400');
    expect(alert).toMatch(/syntax error/i);
    // The parser stopped at "total" (offset 33): line 3, column 6; the button puts the cursor there.
    expect(await page.getByTestId('sql-error-where').textContent()).toBe('line 3, column 6');
    await page.getByRole('button', { name: 'Show in the editor' }).click();
    const cursor = await page.evaluate(
      "(() => { const area = document.getElementById('sql-text'); return [area.selectionStart, document.activeElement === area]; })()",
    );
    expect(cursor).toEqual([33, true]);
    await web.shoot(page, 'sql-console-error');

    // A good query clears the error.
    await editor.fill('SELECT 42 AS answer');
    await editor.press('Control+Enter');
    await page
      .getByTestId('sql-status')
      .filter({ hasText: /1 row ·/ })
      .waitFor();
    expect(await code.count()).toBe(0);
  }, 60_000);

  it('says when the API cut the answer at the row limit', async () => {
    await page.getByLabel('Row limit').selectOption('100');
    await page.getByLabel('Query', { exact: true }).fill(SQUARES_SQL.replace(`i < ${SQUARES}`, 'i < 150'));
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByTestId('sql-truncated').waitFor();
    expect(await page.getByTestId('sql-page').textContent()).toBe('Rows 1–25 of 100');
    await page.getByLabel('Row limit').selectOption('1000');
  }, 60_000);

  it('fits a phone: no page-wide horizontal scroll, the result table scrolls in its own box', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByLabel('Query', { exact: true }).fill(SQUARES_SQL);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page
      .getByTestId('sql-page')
      .filter({ hasText: `of ${SQUARES}` })
      .waitFor();
    await waitForNoHorizontalScroll(page);
    await web.shoot(page, 'sql-console-phone');
    await page.setViewportSize({ width: 1280, height: 860 });
  }, 60_000);

  it('tells a manager "not allowed" with the API’s 403', async () => {
    const managerPage = await web.openPage();
    await managerPage.goto(`${web.server.url}/`);
    await web.signIn(managerPage, 'manager@northwind.example');
    await managerPage.waitForURL(`**/dashboard/${NORTHWIND_BUSINESS_ID}`);
    expect(await managerPage.getByRole('link', { name: 'SQL', exact: true }).count()).toBe(0);
    await managerPage.goto(`${web.server.url}${SQL_PATH}`);
    await managerPage.getByRole('heading', { name: 'Not allowed' }).waitFor();
    const problem = await managerPage.getByRole('alert').textContent();
    expect(problem).toContain('403');
    expect(problem).toContain('forbidden');
  }, 60_000);

  it('logged no console error on any screen', () => {
    expect(web.consoleErrors).toEqual([]);
  });

  it('breaks no WCAG 2.1 A/AA rule (axe-core) on any screen shot', () => {
    const broken = Object.entries(web.accessibility).filter(([, violations]) => violations.length > 0);
    expect(broken).toEqual([]);
  });
});
