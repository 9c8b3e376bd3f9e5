import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LakeSnapshot } from '../../../src/analytics/lake-snapshot.js';
import { sqlFailure } from '../../../src/analytics/sql/sql-errors.js';
import { SqlSandbox } from '../../../src/analytics/sql/sql-sandbox.js';
import { sqlString } from '../../../src/lake/duckdb/duck-session.js';
import { BUSINESS_A, BUSINESS_B, type LakeFixture, writeLakeFixture } from '../../support/lake-fixture.js';

/**
 * The two layers under the SQL console, each on its own: the locked DuckDB sandbox (the second wall,
 * tried here with SQL the checks would never let through) and the manifest snapshot.
 */
describe('SQL sandbox (DuckDB 1.5 lock-down)', () => {
  let lake: LakeFixture;
  let sandbox: SqlSandbox;
  let ownFile: string;
  let otherFile: string;

  beforeAll(async () => {
    lake = await writeLakeFixture();
    ownFile = lake.pathOf('gold_order_header', BUSINESS_A);
    otherFile = lake.pathOf('gold_order_header', BUSINESS_B);
    const files = lake.manifest.files
      .filter((f) => f.table === 'gold_order_header' && f.businessId === BUSINESS_A)
      .map((f) => `${lake.store.root}/${f.key}`);
    sandbox = await SqlSandbox.open(new Map([['gold_order_header', files]]), {
      threads: 1,
      memoryLimitMb: 256,
    });
  });
  afterAll(async () => {
    sandbox?.close();
    await lake?.close();
  });

  const attempt = async (sql: string) => {
    try {
      const reader = await sandbox.connection.runAndReadAll(sql);
      return { ok: true as const, rows: reader.getRowsJson() };
    } catch (error) {
      return { ok: false as const, message: (error as Error).message };
    }
  };

  it('keeps the views over the tenant’s Parquet working after the lock', async () => {
    const result = await attempt('SELECT count(*), sum(order_revenue) FROM gold_order_header');
    // Thirteen orders of A; revenue 13304 + 2925 (March) + 1130 + 1130 + 1695 (history).
    expect(result).toEqual({ ok: true, rows: [['13', '20184']] });
    // The tenant's own files stay readable directly (they are the allowed paths).
    expect((await attempt(`SELECT count(*) FROM read_parquet(${sqlString(ownFile)})`)).ok).toBe(true);
  });

  it.each([
    ['another tenant’s file', () => `SELECT * FROM read_parquet(${sqlString(otherFile)})`],
    ['another tenant’s file by replacement scan', () => `SELECT * FROM ${sqlString(otherFile)}`],
    ['a system file', () => `SELECT * FROM read_text('/etc/passwd')`],
    ['a glob', () => `SELECT * FROM glob('/etc/*')`],
    ['writing a file', () => `COPY (SELECT 1) TO '/tmp/brigade-sandbox-escape.csv'`],
    ['attaching a database', () => `ATTACH '/tmp/brigade-sandbox-escape.duckdb' AS x`],
    ['installing an extension', () => 'INSTALL httpfs'],
    ['loading an extension', () => 'LOAD httpfs'],
  ])('refuses %s with a permission error', async (_name, sql) => {
    const result = await attempt(sql());
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(/Permission Error|disabled/i);
      expect(sqlFailure(new Error(result.message), { timedOut: false, paths: new Map() }).code).toBe(
        result.message.startsWith('Permission Error') ? 'sql_not_allowed' : 'sql_failed',
      );
    }
  });

  it.each([
    'SET enable_external_access = true',
    'RESET enable_external_access',
    "SET allowed_paths = ['/etc/passwd']",
    'SET lock_configuration = false',
  ])('cannot be unlocked: %s', async (sql) => {
    const result = await attempt(sql);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/locked/i);
  });
});

describe('lake snapshot', () => {
  let lake: LakeFixture;
  beforeAll(async () => {
    lake = await writeLakeFixture();
  });
  afterAll(() => lake?.close());

  it('re-reads the manifest at most once per poll interval, or when asked', async () => {
    let now = 0;
    const snapshot = new LakeSnapshot(lake.store, { pollMs: 250, clock: () => now });
    const first = await snapshot.current();
    expect(first.manifest.version).toBe(1);
    // Silver is filed by the UTC date: a local day reads the UTC dates either side (the 16th has none).
    expect(
      first.files(BUSINESS_A, 'orders', { from: '2026-03-15', to: '2026-03-15' }).map((f) => f.partition),
    ).toEqual(['2026-03-14', '2026-03-15']);
    await lake.rewritePartition(
      'gold_daily_sales_summary',
      BUSINESS_A,
      '2026-03-15',
      'SELECT * FROM previous',
    );
    now = 100;
    expect((await snapshot.current()).manifest.version).toBe(1);
    now = 300;
    expect((await snapshot.current()).manifest.version).toBe(2);
    await lake.rewritePartition(
      'gold_daily_sales_summary',
      BUSINESS_A,
      '2026-03-15',
      'SELECT * FROM previous',
    );
    expect((await snapshot.refresh()).manifest.version).toBe(3);
  });

  it('lists a business’s files only, by partition range', async () => {
    const view = await new LakeSnapshot(lake.store).current();
    const keys = view.files(BUSINESS_A, 'gold_daily_sales_summary', { from: '2026-03-14', to: '2026-03-15' });
    expect(keys.map((f) => f.partition)).toEqual(['2026-03-14', '2026-03-15']);
    expect(keys.every((f) => f.key.includes(`business_id=${BUSINESS_A}/`))).toBe(true);
    expect(view.files(BUSINESS_B, 'gold_daily_sales_summary').every((f) => f.businessId === BUSINESS_B)).toBe(
      true,
    );
    // gold_metrics is partitioned by month: the months of the range.
    expect(
      view
        .files(BUSINESS_A, 'gold_metrics', { from: '2026-02-20', to: '2026-03-01' })
        .map((f) => f.partition),
    ).toEqual(['2026-02', '2026-03']);
  });
});
