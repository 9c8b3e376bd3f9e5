import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportEngine } from '../../../src/analytics/report-engine.js';
import type { LakeTableName } from '../../../src/lake/lake-tables.js';

/**
 * A report session creates a table's view, and asks for its files' local paths (a download on S3),
 * only when one of its queries names the table, and only once.
 */
describe('report session views', () => {
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

  it('resolves and creates a view when a query first names its table', async () => {
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
      // A table never named is never asked for, and an unknown one is DuckDB's error, not a view.
      await expect(session.rows('SELECT * FROM gold_metrics')).rejects.toThrow(/gold_metrics/);
      expect(asked).not.toContain('gold_order_header');
    } finally {
      session.close();
    }
  });
});
