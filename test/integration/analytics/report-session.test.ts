import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportEngine } from '../../../src/analytics/report-engine.js';
import { allEnded } from '../../../src/lake/duckdb/duck-session.js';
import type { LakeTableName } from '../../../src/lake/lake-tables.js';

/**
 * A report session asks for a table's local paths (a download on S3) only when one of its queries
 * names the table, and only once; each query reads exactly those files.
 */
describe('report session tables', () => {
  let dir: string;
  let engine: ReportEngine;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'brigade-report-session-'));
    engine = await ReportEngine.open({ scratchDir: path.join(dir, 'scratch') });
  });
  afterAll(async () => {
    await engine?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('resolves a table when a query first names it, and once', async () => {
    const asked: LakeTableName[] = [];
    const source = (table: LakeTableName) => async () => {
      asked.push(table);
      return [];
    };
    const session = await engine.session(
      new Map([
        ['gold_daily_sales_summary', source('gold_daily_sales_summary')],
        ['gold_order_header', source('gold_order_header')],
        ['gold_trailing_customers', source('gold_trailing_customers')],
      ]),
    );
    try {
      expect(asked).toEqual([]);
      const [row] = await session.rows<{ n: string }>(
        'SELECT count(*) AS n FROM gold_trailing_customers WHERE window_days = 7',
      );
      expect(Number(row?.n)).toBe(0);
      expect(asked).toEqual(['gold_trailing_customers']);
      await session.rows(
        `SELECT * FROM gold_daily_sales_summary JOIN gold_trailing_customers USING (business_id, location_id)`,
      );
      expect(asked).toEqual(['gold_trailing_customers', 'gold_daily_sales_summary']);
      // A query with a WITH clause of its own reads the tables too.
      const [own] = await session.rows<{ n: string }>(
        `with days AS (SELECT local_date FROM gold_daily_sales_summary) SELECT count(*) AS n FROM days`,
      );
      expect(Number(own?.n)).toBe(0);
      expect(asked).toEqual(['gold_trailing_customers', 'gold_daily_sales_summary']);
      // Timestamps come back in UTC whatever the machine's zone, on the session and its siblings.
      const zone = `SELECT current_setting('TimeZone') AS zone`;
      expect(await session.rows(zone)).toEqual([{ zone: 'UTC' }]);
      expect(await (await session.sibling()).rows(zone)).toEqual([{ zone: 'UTC' }]);
      // A table never named is never asked for, and an unknown one is DuckDB's error.
      await expect(session.rows('SELECT * FROM gold_metrics')).rejects.toThrow(/gold_metrics/);
      expect(asked).not.toContain('gold_order_header');
    } finally {
      session.close();
    }
  });

  it('runs queries at once on sibling sessions over the same files, each resolving its own', async () => {
    const asked: LakeTableName[] = [];
    const session = await engine.session(
      new Map([
        [
          'gold_daily_sales_summary',
          async () => {
            asked.push('gold_daily_sales_summary');
            return [];
          },
        ],
      ]),
    );
    try {
      const count = 'SELECT count(*)::INTEGER AS n FROM gold_daily_sales_summary';
      const [own, first, second] = await allEnded([
        session.rows<{ n: number }>(count),
        session.sibling().then((sibling) => sibling.rows<{ n: number }>(count)),
        session.sibling().then((sibling) => sibling.rows<{ n: number }>(count)),
      ]);
      expect([own, first, second]).toEqual([[{ n: 0 }], [{ n: 0 }], [{ n: 0 }]]);
      // Each sibling is a session of its own: tables resolved per connection, three of them.
      expect(asked).toEqual([
        'gold_daily_sales_summary',
        'gold_daily_sales_summary',
        'gold_daily_sales_summary',
      ]);
      expect(await session.sibling()).not.toBe(await session.sibling());

      // A failing query is passed on once the others have ended, not before.
      let slowEnded = false;
      const slow = session
        .sibling()
        .then((sibling) => sibling.rows('SELECT count(*) FROM range(20000000) a'))
        .then(() => {
          slowEnded = true;
        });
      await expect(allEnded([session.rows('SELECT * FROM no_such_table'), slow])).rejects.toThrow(
        /no_such_table/,
      );
      expect(slowEnded).toBe(true);
    } finally {
      session.close();
    }
  });
});
