import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs, promisify } from 'node:util';
import { hashPassword } from '../src/auth/passwords.js';
import { buildApp } from '../src/http/app.js';
import { DuckSession, sqlString } from '../src/lake/duckdb/duck-session.js';
import type { LakeTableName } from '../src/lake/lake-tables.js';
import { upgradeGold } from '../src/lake/maintenance/upgrade-gold.js';
import { commitManifest, readManifest } from '../src/lake/manifest-io.js';
import { LocalDirStore } from '../src/lake/store/local-dir-store.js';
import { openWriterDuck } from '../src/lake/writer/lake-writer.js';
import { ManifestEdit } from '../src/lake/writer/manifest-edit.js';
import { loadOrderIndex } from '../src/lake/writer/staging-step.js';
import { writeBatch } from '../src/lake/writer/write-batch.js';
import { SimulatedGateway } from '../src/payments/simulated-gateway.js';
import type { Database } from '../src/storage/database.js';
import { migrate } from '../src/storage/migrator.js';
import { openPostgres } from '../src/storage/postgres-database.js';
import { percentile } from './brigade-process.js';
import { DuckProfile } from './duck-profile.js';
import { addDays, ensureQueryLake, type QueryLake } from './query-lake.js';
import { withScratchDatabase } from './scratch-database.js';
import { buildWorld, orderEvents, Rng } from './synthetic-events.js';

/**
 * `npm run bench:query` (issue 4): dashboard endpoints over a year of history for 12 locations
 * (≥ 1.5 M orders), p95 ≤ 100 ms, and ≥ 10× faster than the same questions asked of a PostgreSQL
 * star schema holding the same orders, in the same run.
 *
 * - The lake: bench/query-lake.ts (built once per parameters and cached).
 * - The lake side: the real app (buildApp, analytics over the lake directory, report cache OFF:
 *   cacheTtlMs 0, so every request runs DuckDB) listening on a loopback port; each endpoint is asked
 *   `--requests` times over HTTP with an owner's bearer token, after `--warmup` unmeasured requests
 *   (the first ones read Parquet footers and fill the OS page cache), in rounds that ask every
 *   endpoint once in turn.
 * - The PostgreSQL side: tables star.orders, star.order_items, star.payments, star.feedback and
 *   star.locations in the scratch database, loaded with COPY (psql \copy) from the lake's own silver
 *   files, with the indexes a dashboard needs; each question is the SQL that computes the same
 *   figures from those rows (the way a star schema answers them: no pre-aggregated tables), sent by
 *   the `pg` driver, same warm-up and count.
 * A few figures are compared between the two answers to show they agree.
 */
const TARGET_P95_MS = 100;
const TARGET_RATIO = 10;

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '1500000' },
    days: { type: 'string', default: '365' },
    locations: { type: 'string', default: '12' },
    seed: { type: 'string', default: '1' },
    to: { type: 'string', default: '2025-12-31' },
    requests: { type: 'string', default: '30' },
    budget: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '3' },
    'flush-only': { type: 'boolean', default: false },
    'upgrade-only': { type: 'boolean', default: false },
    flushes: { type: 'string', default: '3' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(
    'usage: npm run bench:query -- [--orders 1500000] [--days 365] [--locations 12] [--seed 1] [--to 2025-12-31]\n' +
      '       [--requests 30] [--warmup 3] [--budget 60] [--flush-only [--flushes 3]] [--upgrade-only]\n' +
      '--flush-only: build (or take from the cache) the lake and time --flushes writer flushes on it; no endpoints.\n' +
      '--upgrade-only: time the writer upgrading a copy of the lake from gold version 1 (its gold recomputed).\n' +
      '--budget: seconds per PostgreSQL question; a slower one stops there, with at least 5 measured requests.\n' +
      'The lake is cached under BENCH_CACHE_DIR (default <tmp>/brigade-bench-cache), keyed by the parameters.\n' +
      'DATABASE_URL: admin connection (a scratch database is created and dropped); psql must be on PATH.',
  );
  process.exit(0);
}
const requests = Number(values.requests);
const warmup = Number(values.warmup);
const budgetMs = Number(values.budget) * 1000;

/** Whether to ask again: `requests` measured, or fewer once the budget is spent (but at least 5). */
function another(samples: readonly number[], startedAt: number): boolean {
  if (samples.length >= requests) return false;
  return samples.length < 5 || performance.now() - startedAt < budgetMs;
}
const run = promisify(execFile);

interface Question {
  name: string;
  /** The analytics URL after `/analytics`. */
  url: string;
  /** The same question for the star schema: statements run one after another, like the report's. */
  sql: { text: string; params: unknown[] }[];
}

/** The questions, for a period ending at the lake's last day. */
function questions(lake: QueryLake): Question[] {
  const b = lake.businessId;
  const range = (days: number) => ({ from: addDays(lake.to, -(days - 1)), to: lake.to });
  const dashboard = (days: number, period: string): Question => {
    const { from, to } = range(days);
    const previousFrom = addDays(from, -days);
    const side = `CASE WHEN local_date >= $2::date THEN 'current' ELSE 'previous' END`;
    return {
      name: `dashboard?period=${period}`,
      url: `/dashboard?period=${period}&to=${to}`,
      sql: [
        {
          text: `SELECT ${side} AS side, coalesce(sum(net_revenue) FILTER (WHERE counts_as_revenue), 0) AS sales,
                        count(*) FILTER (WHERE counts_as_revenue) AS orders,
                        coalesce(sum(tip) FILTER (WHERE counts_as_revenue), 0) AS tips,
                        coalesce(sum(tax) FILTER (WHERE counts_as_revenue), 0) AS tax,
                        sum(refunded_amount) AS refunds, count(*) FILTER (WHERE is_cancelled) AS cancellations,
                        count(DISTINCT customer_id) FILTER (WHERE counts_as_revenue) AS customers
                   FROM star.orders WHERE business_id = $1 AND local_date BETWEEN $3 AND $4 GROUP BY 1`,
          params: [b, from, previousFrom, to],
        },
        {
          text: `SELECT ${side} AS side, avg(rating) AS rating, count(nps) AS responses,
                        count(*) FILTER (WHERE nps >= 9) AS promoters, count(*) FILTER (WHERE nps <= 6) AS detractors
                   FROM star.feedback WHERE business_id = $1 AND local_date BETWEEN $3 AND $4 GROUP BY 1`,
          params: [b, from, previousFrom, to],
        },
      ],
    };
  };
  const year = range(365);
  const yearParams = [b, year.from, year.to];
  return [
    dashboard(30, '30d'),
    dashboard(365, '1y'),
    {
      name: 'sales/summary?group_by=day&period=1y',
      url: `/sales/summary?group_by=day&period=1y&to=${year.to}`,
      sql: [
        {
          text: `SELECT local_date, count(*) FILTER (WHERE counts_as_revenue) AS orders,
                        coalesce(sum(net_revenue) FILTER (WHERE counts_as_revenue), 0) AS sales,
                        coalesce(sum(tip) FILTER (WHERE counts_as_revenue), 0) AS tips
                   FROM star.orders WHERE business_id = $1 AND local_date BETWEEN $2 AND $3
                  GROUP BY local_date ORDER BY local_date`,
          params: yearParams,
        },
      ],
    },
    {
      name: 'sales/by-location?period=1y',
      url: `/sales/by-location?period=1y&to=${year.to}`,
      sql: [
        {
          text: `SELECT o.location_id, l.name, count(*) FILTER (WHERE counts_as_revenue) AS orders,
                        coalesce(sum(net_revenue) FILTER (WHERE counts_as_revenue), 0) AS sales,
                        coalesce(sum(tip) FILTER (WHERE counts_as_revenue), 0) AS tips,
                        count(*) FILTER (WHERE is_cancelled) AS cancellations,
                        count(DISTINCT customer_id) FILTER (WHERE counts_as_revenue) AS customers
                   FROM star.orders o JOIN star.locations l USING (location_id)
                  WHERE o.business_id = $1 AND o.local_date BETWEEN $2 AND $3
                  GROUP BY o.location_id, l.name ORDER BY sales DESC, o.location_id`,
          params: yearParams,
        },
      ],
    },
    {
      name: 'menu/top-items?period=1y',
      url: `/menu/top-items?period=1y&to=${year.to}`,
      sql: [
        {
          text: `SELECT i.item_id, max(i.item_name) AS name, max(i.category_name) AS category, sum(i.qty) AS quantity,
                        sum(i.extended_price - i.discount) AS revenue, sum(coalesce(i.extended_cost, 0)) AS cost,
                        sum(i.extended_price - i.discount - coalesce(i.extended_cost, 0)) AS profit
                   FROM star.order_items i JOIN star.orders o ON o.order_id = i.order_id
                  WHERE o.counts_as_revenue AND i.business_id = $1 AND i.local_date BETWEEN $2 AND $3
                  GROUP BY i.item_id ORDER BY revenue DESC, i.item_id LIMIT 10`,
          params: yearParams,
        },
      ],
    },
    {
      name: 'financial/summary?period=1y',
      url: `/financial/summary?period=1y&to=${year.to}`,
      sql: [
        {
          text: `WITH paid AS (SELECT * FROM star.orders
                             WHERE captured_amount > 0 AND business_id = $1 AND local_date BETWEEN $2 AND $3)
                 SELECT count(*) AS orders, sum(subtotal) AS gross, sum(discount + loyalty_discount) AS discounts,
                        sum(tax) AS tax, sum(tip) AS tips, sum(delivery_fee) AS fees, sum(captured_amount) AS collected,
                        sum(refunded_amount) AS refunds,
                        (SELECT sum(extended_cost) FROM star.order_items WHERE order_id IN (SELECT order_id FROM paid)) AS cogs
                   FROM paid`,
          params: yearParams,
        },
      ],
    },
    {
      name: 'metrics/revenue?grain=month&period=1y',
      url: `/metrics/revenue?grain=month&period=1y&to=${year.to}`,
      sql: [
        {
          text: `SELECT date_trunc('month', local_date)::date AS period_start,
                        coalesce(sum(net_revenue) FILTER (WHERE counts_as_revenue), 0) AS value
                   FROM star.orders WHERE business_id = $1 AND local_date BETWEEN $2 AND $3
                  GROUP BY 1 ORDER BY 1`,
          params: yearParams,
        },
      ],
    },
  ];
}

/** The star schema: what a PostgreSQL reporting database would hold, with the indexes a dashboard uses. */
const STAR_TABLES: { name: string; source: LakeTableName; columns: Record<string, string> }[] = [
  {
    name: 'orders',
    source: 'orders',
    columns: {
      order_id: 'uuid PRIMARY KEY',
      business_id: 'uuid NOT NULL',
      location_id: 'uuid NOT NULL',
      customer_id: 'uuid',
      service_type: 'text NOT NULL',
      status: 'text NOT NULL',
      placed_at: 'timestamptz NOT NULL',
      local_date: 'date NOT NULL',
      local_hour: 'integer NOT NULL',
      subtotal: 'bigint NOT NULL',
      discount: 'bigint NOT NULL',
      loyalty_discount: 'bigint NOT NULL',
      tax: 'bigint NOT NULL',
      tip: 'bigint NOT NULL',
      delivery_fee: 'bigint NOT NULL',
      total: 'bigint NOT NULL',
      captured_amount: 'bigint NOT NULL',
      refunded_amount: 'bigint NOT NULL',
      net_revenue: 'bigint NOT NULL',
      payment_method: 'text',
      is_cancelled: 'boolean NOT NULL',
      is_refunded: 'boolean NOT NULL',
      is_fulfilled: 'boolean NOT NULL',
      counts_as_revenue: 'boolean NOT NULL',
    },
  },
  {
    name: 'order_items',
    source: 'order_items',
    columns: {
      line_id: 'uuid PRIMARY KEY',
      order_id: 'uuid NOT NULL',
      business_id: 'uuid NOT NULL',
      location_id: 'uuid NOT NULL',
      item_id: 'uuid NOT NULL',
      item_name: 'text NOT NULL',
      category_name: 'text',
      brand_id: 'uuid',
      qty: 'integer NOT NULL',
      price: 'bigint NOT NULL',
      extended_price: 'bigint NOT NULL',
      discount: 'bigint NOT NULL',
      unit_cost: 'bigint',
      extended_cost: 'bigint',
      local_date: 'date NOT NULL',
    },
  },
  {
    name: 'payments',
    source: 'payments',
    columns: {
      event_id: 'uuid PRIMARY KEY',
      order_id: 'uuid NOT NULL',
      business_id: 'uuid NOT NULL',
      payment_id: 'uuid',
      kind: 'text NOT NULL',
      method: 'text',
      amount: 'bigint NOT NULL',
      occurred_at: 'timestamptz NOT NULL',
      local_date: 'date NOT NULL',
    },
  },
  {
    name: 'feedback',
    source: 'feedback',
    columns: {
      feedback_id: 'uuid PRIMARY KEY',
      order_id: 'uuid NOT NULL',
      business_id: 'uuid NOT NULL',
      location_id: 'uuid NOT NULL',
      customer_id: 'uuid',
      rating: 'integer NOT NULL',
      nps: 'integer',
      submitted_at: 'timestamptz',
      local_date: 'date NOT NULL',
    },
  },
  {
    name: 'locations',
    source: 'dim_locations',
    columns: { location_id: 'uuid PRIMARY KEY', business_id: 'uuid NOT NULL', name: 'text NOT NULL' },
  },
];

/** Each index says which questions it serves. */
const STAR_INDEXES = [
  // every question filters one business's local dates
  'CREATE INDEX ON star.orders (business_id, local_date)',
  'CREATE INDEX ON star.order_items (business_id, local_date)',
  'CREATE INDEX ON star.feedback (business_id, local_date)',
  // items of an order (top items joins lines to their order; COGS looks lines up by order)
  'CREATE INDEX ON star.order_items (order_id)',
  // an order's payments (the order timeline; not in the measured questions, but any schema has it)
  'CREATE INDEX ON star.payments (order_id)',
];

/** Loads the star schema from the lake's silver files: DuckDB writes CSV, psql \copy reads it. */
async function loadStar(db: Database, databaseUrl: string, lake: QueryLake): Promise<Record<string, number>> {
  const store = new LocalDirStore(path.join(lake.dir, 'lake'));
  const manifest = await readManifest(store);
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'brigade-bench-star-'));
  const duck = await DuckSession.open();
  const counts: Record<string, number> = {};
  try {
    await db.query('CREATE SCHEMA star');
    for (const table of STAR_TABLES) {
      const columns = Object.keys(table.columns);
      await db.query(
        `CREATE TABLE star.${table.name} (${Object.entries(table.columns)
          .map(([name, type]) => `${name} ${type}`)
          .join(', ')})`,
      );
      const files = manifest.files
        .filter((file) => file.table === table.source && file.businessId === lake.businessId)
        .map((file) => sqlString(path.join(lake.dir, 'lake', file.key)));
      const csv = path.join(scratch, `${table.name}.csv`);
      await duck.run(
        `COPY (SELECT ${columns.join(', ')} FROM read_parquet([${files.join(', ')}])) TO ${sqlString(csv)} (HEADER, DELIMITER ',')`,
      );
      await run('psql', [
        databaseUrl,
        '-v',
        'ON_ERROR_STOP=1',
        '-qc',
        `\\copy star.${table.name} (${columns.join(', ')}) FROM '${csv}' CSV HEADER`,
      ]);
      const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM star.${table.name}`);
      counts[table.name] = Number(rows[0]?.n ?? 0);
    }
    for (const index of STAR_INDEXES) await db.query(index);
    await db.query('VACUUM ANALYZE');
    // The load leaves gigabytes of dirty pages: written now, not by the checkpointer while either side
    // is being measured.
    await db.query('CHECKPOINT');
    return counts;
  } finally {
    duck.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

/** An owner of the lake's business who can log in; returns the bearer token. */
async function ownerToken(
  db: Database,
  baseUrl: string,
  businessId: string,
): Promise<{ token: string; userId: string }> {
  const userId = randomUUID();
  const password = 'bench-password-0123';
  await db.query(`INSERT INTO businesses (id, name, slug, currency) VALUES ($1, 'Bench Group', $2, 'CAD')`, [
    businessId,
    `bench-${businessId.slice(0, 8)}`,
  ]);
  await db.query(
    `INSERT INTO users (id, email, name, password_hash, platform_role) VALUES ($1, 'owner@bench.test', 'Owner', $2, 'user')`,
    [userId, await hashPassword(password)],
  );
  await db.query(
    `INSERT INTO memberships (user_id, business_id, role, staff_position, location_ids) VALUES ($1, $2, 'owner', NULL, '{}')`,
    [userId, businessId],
  );
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'owner@bench.test', password }),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  return { token: ((await response.json()) as { accessToken: string }).accessToken, userId };
}

interface Timing {
  samples: number[];
  answer: unknown;
}

/**
 * Every URL `warmup` + `requests` times, in rounds that ask each URL once in turn: whatever else the
 * machine does while the lake side is timed (the star schema's load settling) falls on every
 * endpoint alike instead of on the first one asked.
 */
async function timeHttpRounds(urls: readonly string[], token: string): Promise<Timing[]> {
  const timings: Timing[] = urls.map(() => ({ samples: [], answer: undefined }));
  for (let n = 0; n < warmup + requests; n++) {
    for (const [index, url] of urls.entries()) {
      const timing = timings[index] as Timing;
      const started = performance.now();
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      const body = await response.text();
      const elapsed = performance.now() - started;
      if (response.status !== 200) throw new Error(`${url}: ${response.status} ${body}`);
      if (n >= warmup) timing.samples.push(elapsed);
      timing.answer = JSON.parse(body);
    }
  }
  return timings;
}

async function timeSql(db: Database, question: Question): Promise<Timing> {
  const samples: number[] = [];
  let answer: unknown;
  const begun = performance.now();
  for (let n = 0; n < warmup || another(samples, begun); n++) {
    const started = performance.now();
    const results: unknown[] = [];
    for (const statement of question.sql)
      results.push((await db.query(statement.text, statement.params)).rows);
    const elapsed = performance.now() - started;
    if (n >= warmup) samples.push(elapsed);
    answer = results;
  }
  return { samples, answer };
}

type Json = Record<string, unknown>;
const rowsOf = (answer: unknown, index = 0) => ((answer as unknown[][])[index] ?? []) as Json[];

/** Figures read from both answers, to show the two sides computed the same thing. */
function agreement(name: string, lake: Json, star: unknown): [string, unknown, unknown][] {
  if (name.startsWith('dashboard')) {
    const kpis = lake.kpis as { key: string; current: number | null }[];
    const current = rowsOf(star).find((row) => row.side === 'current') ?? {};
    const kpi = (key: string) => kpis.find((k) => k.key === key)?.current;
    return [
      ['sales', kpi('sales'), Number(current.sales)],
      ['orders', kpi('orders'), Number(current.orders)],
      ['customers', kpi('customers'), Number(current.customers)],
    ];
  }
  if (name.startsWith('sales/summary')) {
    const totals = lake.totals as { salesMinor: number; orders: number };
    const rows = rowsOf(star);
    return [
      ['sales', totals.salesMinor, rows.reduce((sum, row) => sum + Number(row.sales), 0)],
      ['orders', totals.orders, rows.reduce((sum, row) => sum + Number(row.orders), 0)],
    ];
  }
  if (name.startsWith('sales/by-location')) {
    const first = (lake.locations as { locationId: string; salesMinor: number; customers: number }[])[0];
    const row = rowsOf(star)[0] ?? {};
    return [
      ['top location', first?.locationId, row.location_id],
      ['its sales', first?.salesMinor, Number(row.sales)],
      ['its customers', first?.customers, Number(row.customers)],
    ];
  }
  if (name.startsWith('menu/top-items')) {
    const first = (lake.items as { itemId: string; revenueMinor: number }[])[0];
    const row = rowsOf(star)[0] ?? {};
    return [
      ['top item', first?.itemId, row.item_id],
      ['its revenue', first?.revenueMinor, Number(row.revenue)],
    ];
  }
  if (name.startsWith('financial')) {
    const row = rowsOf(star)[0] ?? {};
    return [
      ['gross sales', lake.grossSalesMinor, Number(row.gross)],
      ['COGS', lake.cogsMinor, Number(row.cogs)],
    ];
  }
  const points = ((lake.series as { points: { value: number }[] }[])[0]?.points ?? []).map((p) => p.value);
  return [
    ['months', points.length, rowsOf(star).length],
    [
      'revenue',
      points.reduce((sum, value) => sum + value, 0),
      rowsOf(star).reduce((s, r) => s + Number(r.value), 0),
    ],
  ];
}

/**
 * What writer flushes cost on top of this year of history: `flushes` flushes one after another in one
 * writer session, each of 100 orders placed on the last day (order.placed, payment authorized and
 * captured, confirmed: 400 events) through writeBatch, as the lake writer would flush them a second
 * after they arrived. Each flush starts from the previous one's manifest as if it had been committed
 * (so the second and later show what a running writer keeps between flushes); nothing is committed,
 * and every file written is deleted again, so the cached lake stays as it was.
 */
async function timeFlushesOnHistory(lake: QueryLake, locations: number, seed: number, flushes: number) {
  const lakeDir = path.join(lake.dir, 'lake');
  const scratchDir = await mkdtemp(path.join(os.tmpdir(), 'brigade-bench-flush-'));
  const store = new LocalDirStore(lakeDir);
  const duck = await openWriterDuck({ memoryMb: 2048, scratchDir });
  const manifest = await readManifest(store);
  const listed = new Set(manifest.files.map((file) => file.key));
  const written = new Set<string>();
  let edit = new ManifestEdit(manifest);
  try {
    const now = () => new Date(`${lake.to}T23:00:00Z`);
    const context = { duck, store, scratchDir, lateHorizonDays: 0, now };
    await loadOrderIndex(context, edit);
    const business = buildWorld({
      seed,
      businesses: 1,
      locationsPerBusiness: locations,
      customersPerBusiness: 1,
    }).businesses[0];
    if (!business) throw new Error('no business');
    const rng = new Rng(seed + 1);
    const results: { events: number; ms: number; profile: string[] }[] = [];
    const profile = new DuckProfile();
    profile.wrap(duck, store);
    for (let flush = 0; flush < flushes; flush += 1) {
      const events = Array.from({ length: 100 }, (_, n) =>
        orderEvents(
          rng,
          business,
          rng.pick(business.locations),
          Date.parse(`${lake.to}T22:00:00Z`) + (flush * 100 + n) * 1000,
          { lifecycle: false },
        ),
      ).flat();
      const messages = events.map((event, index) => ({
        id: String(9e12 + flush * 1e6 + index),
        body: JSON.stringify(event),
      }));
      profile.reset();
      const started = performance.now();
      await writeBatch(context, edit, messages);
      const ms = performance.now() - started;
      results.push({ events: messages.length, ms, profile: profile.report(ms, 8) });
      for (const file of edit.current()) if (!listed.has(file.key)) written.add(file.key);
      edit = new ManifestEdit(edit.next(messages[messages.length - 1]?.id ?? null, now()));
    }
    return results;
  } finally {
    duck.close();
    for (const key of written) await rm(path.join(lakeDir, key), { force: true });
    await rm(scratchDir, { recursive: true, force: true });
  }
}

async function reportFlushes(
  lake: QueryLake,
  options: { locations: number; seed: number; flushes: number },
): Promise<void> {
  const flushes = await timeFlushesOnHistory(lake, options.locations, options.seed, options.flushes);
  console.log(
    `\n${flushes.length} writer flushes in one session on top of this history (100 new orders each, writeBatch, not committed), ` +
      `load ${os.loadavg()[0]?.toFixed(2)}: ${flushes.map((flush) => `${(flush.ms / 1000).toFixed(2)} s`).join(', ')}`,
  );
  for (const [index, flush] of flushes.entries()) {
    if (index !== 0 && index !== flushes.length - 1) continue;
    console.log(`  flush ${index + 1} (${flush.events} events), where it went:`);
    for (const line of flush.profile) console.log(`    ${line}`);
  }
}

/**
 * What the writer does when it starts on a lake of gold version 1 (before gold_financial_day and
 * gold_feedback_day): a copy of the lake with those tables and the version removed from its
 * manifest, upgraded by upgradeGold (every gold partition recomputed from silver, a month at a time,
 * closed months rolled up, one commit). The copy is deleted afterwards; the cached lake is not touched.
 */
async function timeGoldUpgrade(lake: QueryLake): Promise<void> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'brigade-bench-upgrade-'));
  const lakeDir = path.join(root, 'lake');
  const added: readonly LakeTableName[] = ['gold_financial_day', 'gold_feedback_day'];
  try {
    await cp(path.join(lake.dir, 'lake'), lakeDir, { recursive: true });
    const store = new LocalDirStore(lakeDir);
    const current = await readManifest(store);
    const { goldVersion: _version, ...older } = current;
    await commitManifest(store, {
      ...older,
      files: current.files.filter((file) => !added.includes(file.table)),
    });
    const scratchDir = path.join(root, 'scratch');
    const duck = await openWriterDuck({ memoryMb: 12_288, scratchDir });
    try {
      const now = () => new Date(`${addDays(lake.to, 1)}T12:00:00Z`);
      const started = performance.now();
      const upgraded = await upgradeGold({ duck, store, scratchDir, lateHorizonDays: 0, now });
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `\ngold upgrade 1 → ${upgraded.goldVersion} (every gold partition of ${lake.orders} orders recomputed, ` +
          `load ${os.loadavg()[0]?.toFixed(2)}): ${seconds.toFixed(1)} s`,
      );
      for (const table of added) {
        const files = upgraded.files.filter((file) => file.table === table);
        console.log(
          `  ${table}: ${files.length} files, ${files.reduce((sum, file) => sum + file.rows, 0)} rows`,
        );
      }
    } finally {
      duck.close();
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const loadBefore = os.loadavg();
  const options = {
    orders: Number(values.orders),
    days: Number(values.days),
    locations: Number(values.locations),
    seed: Number(values.seed),
    to: String(values.to),
  };
  console.log(`lake: ${JSON.stringify(options)}`);
  const lake = await ensureQueryLake(options);
  console.log(
    `lake ${lake.cached ? 'from cache' : 'built'} (${lake.dir}): ${lake.orders} orders, ${lake.orderItems} order items, ` +
      `${lake.from} … ${lake.to}; built in ${lake.buildSeconds.total.toFixed(0)} s ` +
      `(catalog ${lake.buildSeconds.dimensions.toFixed(1)} s, silver ${lake.buildSeconds.silver.toFixed(0)} s, gold ${lake.buildSeconds.gold.toFixed(0)} s, month roll-up ${(lake.buildSeconds.rollUp ?? 0).toFixed(0)} s)`,
  );
  if (values['upgrade-only']) {
    await timeGoldUpgrade(lake);
    return;
  }
  if (values['flush-only']) {
    await reportFlushes(lake, { ...options, flushes: Number(values.flushes) });
    return;
  }

  await withScratchDatabase(async (databaseUrl) => {
    const db = openPostgres({ connectionString: databaseUrl, maxConnections: 4 });
    const scratchDir = await mkdtemp(path.join(os.tmpdir(), 'brigade-bench-analytics-'));
    const app = await buildApp({
      db,
      config: { accessTokenTtlSeconds: 3600, refreshTokenTtlSeconds: 86_400, bodyLimitBytes: 256 * 1024 },
      jwtSecret: 'bench-query-secret-bench-query-secret',
      gateway: new SimulatedGateway(db),
      lakeStore: new LocalDirStore(path.join(lake.dir, 'lake')),
      // The report cache is off: every request runs its SQL in DuckDB.
      analytics: { cacheTtlMs: 0, scratchDir },
    });
    try {
      await migrate(db);
      process.stdout.write('loading the PostgreSQL star schema... ');
      const loadStarted = performance.now();
      const counts = await loadStar(db, databaseUrl, lake);
      console.log(`${((performance.now() - loadStarted) / 1000).toFixed(0)} s ${JSON.stringify(counts)}`);
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      if (!address || typeof address === 'string') throw new Error('no address');
      const baseUrl = `http://127.0.0.1:${address.port}`;
      const { token } = await ownerToken(db, baseUrl, lake.businessId);
      const base = `${baseUrl}/api/v1/businesses/${lake.businessId}/analytics`;

      const results: {
        name: string;
        lake: number[];
        star: number[];
        checks: [string, unknown, unknown][];
      }[] = [];
      const asked = questions(lake);
      process.stdout.write(
        `lake, ${asked.length} endpoints in rounds (load ${os.loadavg()[0]?.toFixed(2)})... `,
      );
      const lakeTimings = await timeHttpRounds(
        asked.map((question) => `${base}${question.url}`),
        token,
      );
      console.log('done');
      for (const [index, question] of asked.entries()) {
        process.stdout.write(`${question.name} (load ${os.loadavg()[0]?.toFixed(2)})... `);
        const fromLake = lakeTimings[index] as Timing;
        const fromStar = await timeSql(db, question);
        const sorted = (samples: number[]) => [...samples].sort((a, b) => a - b);
        console.log(
          `lake p50 (${fromLake.samples.length}) ${percentile(sorted(fromLake.samples), 50).toFixed(1)} ms, star p50 (${fromStar.samples.length}) ${percentile(sorted(fromStar.samples), 50).toFixed(1)} ms`,
        );
        results.push({
          name: question.name,
          lake: sorted(fromLake.samples),
          star: sorted(fromStar.samples),
          checks: agreement(question.name, fromLake.answer as Json, fromStar.answer),
        });
      }

      console.log('\nBrigade query benchmark (bench/query.ts)');
      console.log(
        `machine: ${os.cpus().length} cores, load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
      );
      console.log(
        `data: ${lake.orders} orders, ${lake.orderItems} items, ${options.locations} locations, ${lake.from} … ${lake.to}; ` +
          `${requests} requests per endpoint and side after ${warmup} warm-up (lake: in rounds over the endpoints; PostgreSQL: fewer, at least 5, past ${values.budget} s); report cache off; lake over HTTP (owner token), ` +
          'star schema by the pg driver (no HTTP)',
      );
      console.log(
        `${'endpoint'.padEnd(40)} ${'lake p50'.padStart(9)} ${'lake p95'.padStart(9)} ${'PG p50'.padStart(9)} ${'PG p95'.padStart(9)} ${'ratio p95'.padStart(9)}`,
      );
      let worstP95 = 0;
      let worstRatio = Number.POSITIVE_INFINITY;
      for (const result of results) {
        const lakeP95 = percentile(result.lake, 95);
        const starP95 = percentile(result.star, 95);
        worstP95 = Math.max(worstP95, lakeP95);
        worstRatio = Math.min(worstRatio, starP95 / lakeP95);
        console.log(
          `${result.name.padEnd(40)} ${percentile(result.lake, 50).toFixed(1).padStart(9)} ${lakeP95.toFixed(1).padStart(9)} ` +
            `${percentile(result.star, 50).toFixed(1).padStart(9)} ${starP95.toFixed(1).padStart(9)} ${(starP95 / lakeP95).toFixed(1).padStart(8)}×`,
        );
      }
      console.log(
        `target p95 ≤ ${TARGET_P95_MS} ms on every endpoint: ${worstP95 <= TARGET_P95_MS ? 'met' : 'NOT met'} (worst ${worstP95.toFixed(1)} ms); ` +
          `target ≥ ${TARGET_RATIO}× PostgreSQL: ${worstRatio >= TARGET_RATIO ? 'met' : 'NOT met'} (lowest ratio ${worstRatio.toFixed(1)}×)`,
      );
      console.log('\nagreement (lake answer | star schema answer):');
      let disagreements = 0;
      for (const result of results) {
        for (const [figure, fromLake, fromStar] of result.checks) {
          const same = String(fromLake) === String(fromStar);
          if (!same) disagreements++;
          console.log(`  ${result.name} ${figure}: ${fromLake} | ${fromStar}${same ? '' : '  ← DIFFERENT'}`);
        }
      }
      await reportFlushes(lake, { ...options, flushes: Number(values.flushes) });
      if (disagreements > 0)
        throw new Error(`${disagreements} figures differ between the lake and the star schema`);
    } finally {
      await app.close();
      await db.close();
      await rm(scratchDir, { recursive: true, force: true });
    }
  });
}

await main();
