import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckSession, sqlString } from '../../../src/lake/duckdb/duck-session.js';
import { BUSINESS_A, BUSINESS_B, L1, L2, LB } from '../../support/lake-fixture.js';
import { type AnalyticsHarness, analyticsUrl, startAnalyticsApp } from './analytics-harness.js';

describe('analytics exports, cache, tenants and access', () => {
  let h: AnalyticsHarness;
  let owner: string;
  let scratch: string;

  beforeAll(async () => {
    h = await startAnalyticsApp();
    owner = await h.token({ role: 'owner' });
    scratch = await mkdtemp(path.join(os.tmpdir(), 'brigade-export-test-'));
  });
  afterAll(async () => {
    await h?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  describe('exports', () => {
    it('gives CSV with a header row and an attachment name', async () => {
      const response = await h.get(analyticsUrl('/sales/by-payment-method?period=7d&format=csv'), owner);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe(
        'attachment; filename="sales-by-payment-method_2026-03-09_2026-03-15.csv"',
      );
      expect(response.body.trim().split('\n')).toEqual([
        'method,orders,sales_minor,average_order_value_minor,share',
        'card,4,9801,2450,0.7367',
        'cash,2,3503,1752,0.2633',
      ]);
    });

    it('gives Parquet that DuckDB reads back with typed columns', async () => {
      const response = await h.get(
        analyticsUrl('/sales/summary?group_by=day&period=7d&format=parquet'),
        owner,
      );
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/vnd.apache.parquet');
      expect(response.headers['content-disposition']).toMatch(
        /filename="sales-summary_2026-03-09_2026-03-15\.parquet"/,
      );
      const file = path.join(scratch, `${randomUUID()}.parquet`);
      await writeFile(file, response.rawPayload);
      const duck = await DuckSession.open();
      try {
        const types = await duck.rows<{ column_name: string; column_type: string }>(
          `DESCRIBE SELECT * FROM read_parquet(${sqlString(file)})`,
        );
        expect(types.map((t) => [t.column_name, t.column_type])).toEqual([
          ['bucket', 'VARCHAR'],
          ['date', 'DATE'],
          ['hour', 'INTEGER'],
          ['orders', 'BIGINT'],
          ['sales_minor', 'BIGINT'],
          ['tips_minor', 'BIGINT'],
          ['average_order_value_minor', 'BIGINT'],
        ]);
        const rows = await duck.rows<{ date: string; sales_minor: string }>(
          `SELECT date, sales_minor FROM read_parquet(${sqlString(file)}) WHERE orders > 0 ORDER BY date`,
        );
        expect(rows).toEqual([
          { date: '2026-03-10', sales_minor: '3051' },
          { date: '2026-03-13', sales_minor: '904' },
          { date: '2026-03-14', sales_minor: '1895' },
          { date: '2026-03-15', sales_minor: '7454' },
        ]);
      } finally {
        duck.close();
      }
    });

    it('exports every report, metric names in the file name', async () => {
      for (const report of [
        '/dashboard',
        '/realtime',
        '/customers/cohorts?from=2026-01-01',
        '/metrics/revenue',
      ]) {
        const sep = report.includes('?') ? '&' : '?';
        const response = await h.get(analyticsUrl(`${report}${sep}format=csv`), owner);
        expect(response.statusCode, `${report}: ${response.body}`).toBe(200);
        expect(response.body.split('\n')[0]?.length).toBeGreaterThan(0);
      }
      const metric = await h.get(analyticsUrl('/metrics/revenue?format=csv'), owner);
      expect(metric.headers['content-disposition']).toMatch(/filename="metric-revenue_/);
      // Money and counts are whole numbers in the CSV, also in the dashboard's mixed KPI column;
      // ratings and rates keep their fractions.
      const values = metric.body
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',').at(-1));
      expect(values.length).toBeGreaterThan(0);
      for (const value of values) expect(value).toMatch(/^\d+$/);
      const dashboard = await h.get(analyticsUrl('/dashboard?period=7d&format=csv'), owner);
      const kpis = new Map(
        dashboard.body
          .trim()
          .split('\n')
          .slice(1)
          .map((line) => [line.split(',')[0], line.split(',')[2]] as const),
      );
      expect(kpis.get('sales')).toBe('13304');
      expect(kpis.get('orders')).toMatch(/^\d+$/);
      const repeat = await h.get(analyticsUrl('/metrics/repeat_rate?format=csv'), owner);
      expect(repeat.body).toMatch(/\n[^\n]*,0\.\d+/);
    });

    it('deletes its scratch files once the download is sent', async () => {
      await h.get(analyticsUrl('/dashboard?format=parquet'), owner);
      const leftovers = async () =>
        (await readdir(path.join(h.lake.root, 'analytics-scratch'))).filter((name) =>
          name.startsWith('export-'),
        );
      for (let attempt = 0; attempt < 50 && (await leftovers()).length > 0; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(await leftovers()).toEqual([]);
    });
  });

  describe('cache', () => {
    it('serves a repeat from cache and recomputes once a partition it read is rewritten', async () => {
      const url = analyticsUrl(`/dashboard?period=7d&location_id=${L1}`);
      const untouched = analyticsUrl('/sales/by-payment-method?from=2026-03-09&to=2026-03-14');
      const sales = (body: { kpis: { key: string; current: number }[] }) =>
        body.kpis.find((k) => k.key === 'sales')?.current;

      const first = await h.get(url, owner);
      expect(first.headers['x-analytics-cache']).toBe('miss');
      expect(sales(first.json())).toBe(7054);
      await h.get(untouched, owner);
      const second = await h.get(url, owner);
      expect(second.headers['x-analytics-cache']).toBe('hit');
      expect(second.json()).toEqual(first.json());

      // The writer recomputes Toronto's 2026-03-15 partition (a late order of 1000): a new file, a
      // new manifest.
      await h.lake.rewritePartition(
        'gold_daily_sales_summary',
        BUSINESS_A,
        '2026-03-15',
        `SELECT * REPLACE (CASE WHEN location_id = '${L1}' THEN total_sales + 1000 ELSE total_sales END AS total_sales,
                           CASE WHEN location_id = '${L1}' THEN total_orders + 1 ELSE total_orders END AS total_orders)
           FROM previous`,
      );
      const third = await h.get(url, owner);
      expect(third.headers['x-analytics-cache']).toBe('miss');
      expect(sales(third.json())).toBe(8054);
      expect(third.json().asOf.lakeVersion).toBe(2);
      // An answer that never read the rewritten partition is still served from cache.
      expect((await h.get(untouched, owner)).headers['x-analytics-cache']).toBe('hit');
    });

    it('keeps the location directory only while the snapshot it was read from is current', async () => {
      const url = analyticsUrl('/sales/by-location?from=2026-03-09&to=2026-03-15');
      const nameOf = (body: { locations: { locationId: string; name: string }[] }) =>
        body.locations.find((l) => l.locationId === L1)?.name;
      expect(nameOf((await h.get(url, owner)).json())).toBe('Queen St');
      // The location is renamed: the writer rewrites the dimension snapshot (a new file).
      await h.lake.rewritePartition(
        'dim_locations',
        BUSINESS_A,
        null,
        `SELECT * REPLACE (CASE WHEN location_id = '${L1}' THEN 'Queen St West' ELSE name END AS name) FROM previous`,
      );
      expect(nameOf((await h.get(url, owner)).json())).toBe('Queen St West');
    });
  });

  describe('tenants', () => {
    it("never shows another business's data, whatever the filter", async () => {
      const bOwner = await h.token({ role: 'owner', businessId: BUSINESS_B });
      const b = await h.get(analyticsUrl('/realtime', BUSINESS_B), bOwner);
      expect(b.statusCode).toBe(200);
      expect(b.json()).toMatchObject({ currency: 'USD', totals: { orders: 2, salesMinor: 8000 } });

      // A's owner naming B's location gets nothing of B's.
      const sneaky = await h.get(analyticsUrl(`/sales/by-location?period=7d&location_id=${LB}`), owner);
      expect(sneaky.statusCode).toBe(200);
      expect(sneaky.json()).toMatchObject({ totalSalesMinor: 0, locations: [] });
      const a = await h.get(analyticsUrl('/sales/by-location?period=1d'), owner);
      expect(
        a
          .json()
          .locations.map((l: { locationId: string }) => l.locationId)
          .sort(),
      ).toEqual([L1, L2]);
      const items = await h.get(analyticsUrl('/menu/top-items?period=1d&metric=quantity'), owner);
      expect(items.json().items.map((i: { name: string }) => i.name)).not.toContain('Bagel');
    });
  });

  describe('access', () => {
    it('lets owners, managers and platform admins read reports; refuses others', async () => {
      const url = analyticsUrl('/dashboard');
      const manager = await h.token({ role: 'manager' });
      const admin = await h.token({ platformAdmin: true });
      const customer = await h.token({});
      const kitchen = await h.token({ role: 'staff' });
      const otherOwner = await h.token({ role: 'owner', businessId: BUSINESS_B });
      expect((await h.get(url, owner)).statusCode).toBe(200);
      expect((await h.get(url, manager)).statusCode).toBe(200);
      expect((await h.get(url, admin)).statusCode).toBe(200);
      for (const token of [customer, kitchen, otherOwner]) {
        const response = await h.get(url, token);
        expect(response.statusCode).toBe(403);
        expect(response.json().code).toBe('forbidden');
      }
      const anonymous = await h.app.inject({ method: 'GET', url });
      expect(anonymous.statusCode).toBe(401);
    });

    it('lets only owners and platform admins run SQL', async () => {
      const manager = await h.token({ role: 'manager' });
      const admin = await h.token({ platformAdmin: true });
      const otherOwner = await h.token({ role: 'owner', businessId: BUSINESS_B });
      const body = { sql: 'SELECT count(*) AS n FROM orders' };
      expect((await h.sql(owner, body)).json().rows).toEqual([['13']]);
      expect((await h.sql(admin, body)).statusCode).toBe(200);
      expect((await h.sql(manager, body)).statusCode).toBe(403);
      expect((await h.sql(otherOwner, body)).statusCode).toBe(403);
      expect((await h.get(analyticsUrl('/sql/tables'), manager)).statusCode).toBe(403);
      const tables = await h.get(analyticsUrl('/sql/tables'), owner);
      const names = tables.json().tables.map((t: { name: string }) => t.name);
      expect(names).toContain('gold_daily_sales_summary');
      expect(names).not.toContain('events');
    });

    it('documents the routes in OpenAPI', async () => {
      const doc = (await h.app.inject({ method: 'GET', url: '/docs/json' })).json();
      for (const route of ['dashboard', 'sales/summary', 'metrics/{metric}', 'sql']) {
        expect(Object.keys(doc.paths)).toContain(`/api/v1/businesses/{businessId}/analytics/${route}`);
      }
      const content =
        doc.paths['/api/v1/businesses/{businessId}/analytics/dashboard'].get.responses['200'].content;
      expect(Object.keys(content)).toEqual([
        'application/json',
        'text/csv',
        'application/vnd.apache.parquet',
      ]);
    });
  });
});
