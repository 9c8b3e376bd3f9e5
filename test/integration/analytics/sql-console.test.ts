import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUSINESS_A, BUSINESS_B } from '../../support/lake-fixture.js';
import { type AnalyticsHarness, startAnalyticsApp } from './analytics-harness.js';

/**
 * The ad-hoc SQL console: one read-only SELECT over the tenant's views. Every escape attempt is
 * refused with a stable code; the SQL checks refuse them first, the locked sandbox would refuse the
 * file reads again (sql-sandbox.test.ts).
 */
describe('analytics SQL console', () => {
  let h: AnalyticsHarness;
  let owner: string;
  let otherTenantFile: string;
  let ownFile: string;

  beforeAll(async () => {
    h = await startAnalyticsApp({ sqlTimeoutMs: 1000, sqlMaxRows: 5 });
    owner = await h.token({ role: 'owner' });
    otherTenantFile = h.lake.pathOf('orders', BUSINESS_B);
    ownFile = h.lake.pathOf('orders', BUSINESS_A);
  });
  afterAll(() => h?.close());

  const run = (sql: string, limit?: number) => h.sql(owner, limit === undefined ? { sql } : { sql, limit });

  it('answers a SELECT over the views with columns, rows and counts', async () => {
    const response = await run(
      `WITH paid AS (SELECT * FROM orders WHERE counts_as_revenue)
       SELECT location_id, count(*) AS orders, sum(net_revenue)::BIGINT AS revenue
         FROM paid WHERE local_date BETWEEN '2026-03-09' AND '2026-03-15' GROUP BY ALL ORDER BY revenue DESC`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.columns).toEqual([
      { name: 'location_id', type: 'VARCHAR' },
      { name: 'orders', type: 'BIGINT' },
      { name: 'revenue', type: 'BIGINT' },
    ]);
    expect(body.rows).toEqual([
      ['a1000000-0000-4000-8000-000000000001', '3', '7054'],
      ['a2000000-0000-4000-8000-000000000002', '3', '6250'],
    ]);
    expect(body).toMatchObject({ row_count: 2, truncated: false });
    expect(body.elapsed_ms).toBeGreaterThanOrEqual(0);
  });

  it('sees only its own tenant', async () => {
    const body = (
      await run(
        'SELECT DISTINCT business_id FROM orders UNION SELECT DISTINCT business_id FROM gold_order_header',
      )
    ).json();
    expect(body.rows).toEqual([[BUSINESS_A]]);
  });

  it('allows FROM-first, VALUES, DESCRIBE and SUMMARIZE of a view, recursive CTEs, a trailing semicolon', async () => {
    for (const sql of [
      'FROM gold_metrics SELECT count(*)',
      'VALUES (1, 2)',
      'DESCRIBE orders',
      'SUMMARIZE SELECT total FROM orders',
      'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT sum(n) FROM r',
      'SELECT 1; ',
      'SELECT 1 -- a comment at the end',
      'SELECT 1; -- comment after the semicolon',
    ]) {
      const response = await run(sql);
      expect(response.statusCode, `${sql}: ${response.body}`).toBe(200);
    }
  });

  it('truncates at the row limit and says so', async () => {
    const all = (await run('SELECT order_id FROM orders ORDER BY order_id')).json();
    expect(all).toMatchObject({ row_count: 5, truncated: true });
    const three = (await run('SELECT order_id FROM orders ORDER BY order_id', 3)).json();
    expect(three).toMatchObject({ row_count: 3, truncated: true });
    expect(three.rows).toEqual(all.rows.slice(0, 3));
    const exact = (await run('SELECT order_id FROM orders LIMIT 5')).json();
    expect(exact).toMatchObject({ row_count: 5, truncated: false });
  });

  it('stops a query running past the time limit', async () => {
    const started = Date.now();
    const response = await run(
      `SELECT sum(a.x * b.y) FROM (SELECT unnest(range(200000)) AS x) a, (SELECT unnest(range(200000)) AS y) b`,
    );
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('sql_timeout');
    expect(Date.now() - started).toBeLessThan(10_000);
    // The console still works afterwards.
    expect((await run('SELECT 1')).statusCode).toBe(200);
  });

  const refused: [string, string | (() => string)][] = [
    ['COPY', `COPY orders TO '/tmp/out.csv'`],
    ['COPY of a query', `COPY (SELECT * FROM orders) TO '/tmp/out.parquet' (FORMAT parquet)`],
    ['ATTACH', `ATTACH '/tmp/other.duckdb' AS other`],
    ['INSTALL', 'INSTALL httpfs'],
    ['LOAD', 'LOAD httpfs'],
    ['SET', `SET enable_external_access = true`],
    ['RESET', 'RESET lock_configuration'],
    ['PRAGMA', 'PRAGMA database_list'],
    ['CALL', 'CALL duckdb_settings()'],
    ['EXPORT DATABASE', `EXPORT DATABASE '/tmp/dump'`],
    ['CREATE TABLE', 'CREATE TABLE t AS SELECT 1'],
    ['CREATE MACRO', 'CREATE MACRO m() AS 1'],
    ['INSERT', `INSERT INTO orders (order_id) VALUES ('x')`],
    ['DROP', 'DROP VIEW orders'],
    ['multi-statement', 'SELECT 1; DROP VIEW orders'],
    ['two SELECTs', 'SELECT 1; SELECT 2'],
    ['comment hiding a second statement', "SELECT 1 /* harmless */; COPY orders TO '/tmp/x.csv'"],
    ['read_parquet of a system file', `SELECT * FROM read_parquet('/etc/passwd')`],
    ['read_csv', `SELECT * FROM read_csv('/etc/passwd')`],
    ['read_csv_auto', `SELECT * FROM read_csv_auto('/etc/hosts')`],
    ['read_json', `SELECT * FROM read_json('/etc/passwd')`],
    ['read_text', `SELECT * FROM read_text('/etc/passwd')`],
    ['read_blob', `SELECT * FROM read_blob('/etc/passwd')`],
    ['glob', `SELECT * FROM glob('*')`],
    ['parquet_scan', `SELECT * FROM parquet_scan('x.parquet')`],
    ['parquet_metadata', `SELECT * FROM parquet_metadata('x.parquet')`],
    ['sniff_csv', `SELECT * FROM sniff_csv('/etc/passwd')`],
    ['iceberg_scan', `SELECT * FROM iceberg_scan('s3://bucket/table')`],
    ['delta_scan', `SELECT * FROM delta_scan('s3://bucket/table')`],
    ['a URL', `SELECT * FROM read_parquet('https://example.com/x.parquet')`],
    ['replacement scan of a file', `SELECT * FROM 'file.parquet'`],
    ['replacement scan of a CSV', `SELECT * FROM '/etc/passwd.csv'`],
    ['the other tenant’s file', () => `SELECT * FROM read_parquet('${otherTenantFile}')`],
    ['the other tenant’s file as a table name', () => `SELECT * FROM '${otherTenantFile}'`],
    ['its own file by path', () => `SELECT * FROM '${ownFile}'`],
    ['read_parquet inside a subquery', `SELECT (SELECT count(*) FROM read_parquet('/etc/passwd'))`],
    ['read_parquet in a lateral join', `SELECT * FROM orders, LATERAL read_csv('/etc/passwd')`],
    ['duckdb_settings()', 'SELECT * FROM duckdb_settings()'],
    ['duckdb_views() revealing paths', 'SELECT sql FROM duckdb_views()'],
    ['duckdb_tables()', 'SELECT * FROM duckdb_tables()'],
    ['information_schema', 'SELECT view_definition FROM information_schema.views'],
    ['pg_catalog', 'SELECT * FROM pg_catalog.pg_views'],
    ['sqlite_master', 'SELECT * FROM sqlite_master'],
    ['a qualified view', 'SELECT * FROM main.orders'],
    ['another catalog', 'SELECT * FROM memory.main.orders'],
    ['current_setting', `SELECT current_setting('allowed_paths')`],
    ['current_setting qualified', `SELECT pg_catalog.current_setting('temp_directory')`],
    ['getenv', `SELECT getenv('HOME')`],
    ['getvariable', `SELECT getvariable('x')`],
    ['query()', `SELECT * FROM query('SELECT 1')`],
    ['query_table()', `SELECT * FROM query_table('orders')`],
    ['json_execute_serialized_sql', `SELECT * FROM json_execute_serialized_sql('{}')`],
    [
      'a denied function deep in an expression',
      `SELECT CASE WHEN total > 0 THEN getenv('HOME') END FROM orders`,
    ],
    ['a denied function in a CTE', `WITH x AS (SELECT current_setting('threads') AS t) SELECT * FROM x`],
    ['a CTE named like a file', `WITH "/etc/passwd.csv" AS (SELECT 1) SELECT * FROM "/etc/passwd.csv"`],
    ['a CTE name used outside its scope', `SELECT * FROM (WITH x AS (SELECT 1) SELECT * FROM x) AS a, x`],
    ['SHOW TABLES', 'SHOW TABLES'],
    ['DESCRIBE of a file', `DESCRIBE '/etc/passwd.csv'`],
    ['SUMMARIZE of a table function', `SUMMARIZE SELECT * FROM read_csv('/etc/passwd')`],
    ['range()', 'SELECT * FROM range(10)'],
    ['sleep', 'SELECT sleep_ms(5000)'],
    ['a raw table of the lake', 'SELECT * FROM events'],
    ['quarantine', 'SELECT * FROM quarantine'],
  ];
  it.each(refused)('refuses %s with sql_not_allowed', async (_name, sql) => {
    const text = typeof sql === 'function' ? sql() : sql;
    const response = await run(text);
    expect(response.statusCode, response.body).toBe(400);
    const body = response.json();
    expect(body.code).toBe('sql_not_allowed');
    expect(body.detail.length).toBeGreaterThan(0);
    // No server path comes back that the client did not send itself.
    if (!text.includes(h.lake.root)) expect(response.body).not.toContain(h.lake.root);
  });

  it('answers sql_invalid with the parser message, and for empty input', async () => {
    const typo = await run('SELEC * FROM orders');
    expect(typo.statusCode).toBe(400);
    expect(typo.json().code).toBe('sql_invalid');
    expect(typo.json().detail).toMatch(/syntax error/i);
    expect(typo.json().position).toBe(0);
    const later = await run('SELECT order_id\nFROM orders\nWHER total > 0');
    expect(later.json()).toMatchObject({ code: 'sql_invalid', position: 33 });
    const comment = await run('-- nothing but a comment');
    expect(comment.json().code).toBe('sql_invalid');
    const empty = await h.sql(owner, { sql: '' });
    expect(empty.json().code).toBe('validation_failed');
  });

  it('answers sql_failed with DuckDB’s message for queries that cannot run, without paths', async () => {
    const unknown = await run('SELECT no_such_column FROM orders');
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().code).toBe('sql_failed');
    expect(unknown.json().detail).toMatch(/no_such_column/);
    // The line DuckDB names is the line of the query as written (the row-limit wrapper adds none).
    // …and it quotes the query as written, the caret under the unknown column.
    const quoted = unknown.json().detail.split('\n');
    const line = quoted.findIndex((text: string) => text.startsWith('LINE 1:'));
    expect(quoted[line]).toBe('LINE 1: SELECT no_such_column FROM orders');
    expect(quoted[line + 1]?.indexOf('^')).toBe('LINE 1: SELECT '.length);
    const third = await run('SELECT order_id\nFROM orders\nWHERE nope > 1');
    expect(third.json().detail).toMatch(/LINE 3:/);
    const cast = await run(`SELECT CAST(order_id AS INTEGER) FROM orders`);
    expect(cast.json().code).toBe('sql_failed');
    expect(cast.body).not.toContain(h.lake.root);
  });
});
