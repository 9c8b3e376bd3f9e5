import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sqlString } from '../src/lake/duckdb/duck-session.js';
import { compactLake } from '../src/lake/maintenance/compact-lake.js';
import { readManifest } from '../src/lake/manifest-io.js';
import { LocalDirStore } from '../src/lake/store/local-dir-store.js';
import { rebuildGold } from '../src/lake/writer/gold-step.js';
import { openWriterDuck } from '../src/lake/writer/lake-writer.js';
import { ManifestEdit } from '../src/lake/writer/manifest-edit.js';
import { writePartitioned } from '../src/lake/writer/partitioned-write.js';
import { loadOrderIndex } from '../src/lake/writer/staging-step.js';
import { commitEdit, writeBatch } from '../src/lake/writer/write-batch.js';
import type { WriterContext } from '../src/lake/writer/writer-context.js';
import { type BusinessSpec, buildWorld, dimensionEvents, Rng } from './synthetic-events.js';

/**
 * The year of history bench:query reads: one restaurant group with `locations` locations (six Canadian
 * time zones), `orders` orders over `days` local days ending `to`, as a lake in the product's format.
 *
 * How it is built (deterministic: same parameters → same lake):
 * 1. the catalog (locations, brands, categories, items) as real `location.changed`, `brand.changed`
 *    and `menu.changed` events through the writer's own writeBatch → the dim_* snapshots;
 * 2. silver `orders`, `order_items`, `payments` and `feedback` generated in DuckDB SQL (seeded hashes,
 *    not events: 1.5 M orders are ~19 M events, and the writer's silver transforms run at a few
 *    thousand events/s here — see bench:lake), with the silver semantics of src/lake/silver/
 *    (counts_as_revenue, net_revenue = total − refunds, local date and hour in the location's zone,
 *    extended_price = (unit + modifiers) × qty, ...), written by the writer's writePartitioned (which
 *    casts every column to lake-tables.ts) under the same partitions;
 * 3. gold, every table, by the writer's own rebuildGold, a month of dates at a time (see below);
 * 4. the writer's maintenance (compactLake) with the clock the day after the history: the settled
 *    days of gold rolled up into one file per table and month (writer/month-rollup.ts), the last week
 *    in day files, as a lake that has run for the year has them.
 * Silver deliveries, status changes and kitchen tickets stay empty: no measured report reads them.
 *
 * The lake is cached under `BENCH_CACHE_DIR` (default `<os tmp>/brigade-bench-cache`) in a directory
 * named by the parameters and the generator's version, so a rerun with the same parameters starts at
 * once; delete the directory to build it again.
 */

/** Bump when the generated data changes, so cached lakes of the old shape are not reused. */
const GENERATOR_VERSION = 7;

export interface QueryLakeOptions {
  orders: number;
  days: number;
  locations: number;
  seed: number;
  /** The last local date of the history (YYYY-MM-DD). */
  to: string;
}

export interface QueryLake {
  dir: string;
  businessId: string;
  locationIds: string[];
  from: string;
  to: string;
  orders: number;
  orderItems: number;
  /** Seconds the build took (recorded when it was built; the cache keeps it). */
  buildSeconds: { dimensions: number; silver: number; gold: number; rollUp: number; total: number };
  cached: boolean;
}

const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export async function ensureQueryLake(options: QueryLakeOptions): Promise<QueryLake> {
  const cacheRoot = process.env.BENCH_CACHE_DIR || path.join(os.tmpdir(), 'brigade-bench-cache');
  const dir = path.join(
    cacheRoot,
    `query-lake-v${GENERATOR_VERSION}-o${options.orders}-d${options.days}-l${options.locations}-s${options.seed}-to${options.to}`,
  );
  const metaFile = path.join(dir, 'bench-lake.json');
  const existing = await readFile(metaFile, 'utf8').catch(() => null);
  if (existing !== null) return { ...(JSON.parse(existing) as QueryLake), dir, cached: true };
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const built = await buildQueryLake(dir, options);
  await writeFile(metaFile, JSON.stringify(built, null, 2));
  return { ...built, cached: false };
}

async function buildQueryLake(dir: string, options: QueryLakeOptions): Promise<QueryLake> {
  const started = performance.now();
  const lakeDir = path.join(dir, 'lake');
  const scratchDir = path.join(dir, 'scratch');
  const store = new LocalDirStore(lakeDir);
  const duck = await openWriterDuck({ memoryMb: 12_288, scratchDir });
  const from = addDays(options.to, -(options.days - 1));
  let clock = new Date(`${addDays(options.to, 1)}T12:00:00Z`);
  const context: WriterContext = {
    duck,
    store,
    scratchDir,
    lateHorizonDays: 0,
    now: () => clock,
  };
  try {
    const world = buildWorld({
      seed: options.seed,
      businesses: 1,
      locationsPerBusiness: options.locations,
      customersPerBusiness: 1,
    });
    const business = world.businesses[0];
    if (!business) throw new Error('no business');

    // 1. The catalog through the writer: dimension snapshots from real events.
    let manifest = await readManifest(store);
    await loadOrderIndex(context, new ManifestEdit(manifest));
    const catalog = dimensionEvents(world, new Date(`${addDays(from, -1)}T00:00:00Z`), new Rng(options.seed));
    const dimensions = new ManifestEdit(manifest);
    await writeBatch(
      context,
      dimensions,
      catalog.map((event, index) => ({ id: String(index + 1), body: JSON.stringify(event) })),
    );
    manifest = await commitEdit(context, dimensions, null);
    const dimensionsDone = performance.now();
    process.stdout.write(`  catalog ${((dimensionsDone - started) / 1000).toFixed(1)} s; silver... `);

    // 2. Silver rows in SQL, written like the writer writes them.
    await generateSilver(context, business, from, options);
    const edit = new ManifestEdit(manifest);
    for (const table of ['orders', 'order_items', 'payments', 'feedback'] as const) {
      edit.add(
        await writePartitioned(duck, store, scratchDir, {
          table,
          source: `SELECT * FROM gen_${table}`,
          fileName: `v${edit.version}.parquet`,
        }),
      );
    }
    const [counted] = await duck.rows<{ orders: string; items: string }>(
      `SELECT (SELECT count(*) FROM gen_orders) AS orders, (SELECT count(*) FROM gen_order_items) AS items`,
    );
    const dates = (
      await duck.rows<{ local_date: string }>(
        `SELECT DISTINCT strftime(local_date, '%Y-%m-%d') AS local_date FROM gen_orders`,
      )
    ).map((row) => row.local_date);
    for (const table of ['gen_orders', 'gen_order_items', 'gen_payments', 'gen_feedback', 'gen_base']) {
      await duck.run(`DROP TABLE IF EXISTS ${table}`);
    }
    const silverDone = performance.now();
    process.stdout.write(`${((silverDone - dimensionsDone) / 1000).toFixed(1)} s; gold... `);

    // 3. Gold by the writer's own step, a month of dates at a time in date order, with the clock at
    //    the month's last day, as a writer running through the year would have had it: each call
    //    computes the days, weeks and months holding its dates and the trailing windows ending on them
    //    (every period and window is computed last when its last date is, with all earlier orders in
    //    place, so the result is the same as one call over every date). One call over the whole year
    //    did not finish here before gold_metrics' churn became running sums (2026-12-06): its join
    //    spilled more than 33 GB in 20 minutes before it was stopped.
    const months = [...new Set(dates.map((date) => date.slice(0, 7)))].sort();
    for (const month of months) {
      const monthDates = dates.filter((date) => date.startsWith(month)).sort();
      clock = new Date(`${monthDates[monthDates.length - 1]}T00:00:00Z`);
      await rebuildGold(context, edit, new Map([[business.id, new Set(monthDates)]]));
      process.stdout.write(`${month} `);
    }
    await commitEdit(context, edit, null);
    const goldDone = performance.now();
    process.stdout.write(`${((goldDone - silverDone) / 1000).toFixed(1)} s; month roll-up... `);

    // 4. The writer's maintenance, the day after the history ends.
    clock = new Date(`${addDays(options.to, 1)}T12:00:00Z`);
    await compactLake(context);
    const rollUpDone = performance.now();
    console.log(`${((rollUpDone - goldDone) / 1000).toFixed(1)} s`);
    return {
      dir,
      businessId: business.id,
      locationIds: business.locations.map((location) => location.id),
      from,
      to: options.to,
      orders: Number(counted?.orders ?? 0),
      orderItems: Number(counted?.items ?? 0),
      buildSeconds: {
        dimensions: (dimensionsDone - started) / 1000,
        silver: (silverDone - dimensionsDone) / 1000,
        gold: (goldDone - silverDone) / 1000,
        rollUp: (rollUpDone - goldDone) / 1000,
        total: (rollUpDone - started) / 1000,
      },
      cached: false,
    };
  } finally {
    duck.close();
    await rm(scratchDir, { recursive: true, force: true });
  }
}

/** A literal list of rows for a VALUES clause (our own generated values only). */
function values(rows: readonly (string | number | null)[][]): string {
  const literal = (value: string | number | null) =>
    value === null ? 'NULL' : typeof value === 'number' ? String(value) : sqlString(value);
  return rows.map((row) => `(${row.map(literal).join(', ')})`).join(', ');
}

/** Hour of day for a uniform draw in 1..1000: lunch and dinner peaks, as in synthetic-events.ts. */
function hourTable(): number[] {
  const weights = [
    0, 0, 0, 0, 0, 0, 0.5, 1.5, 2.5, 2.5, 3, 6, 11, 10, 5, 3.5, 4, 7, 11, 10.5, 7, 4.5, 3, 1.5,
  ];
  const total = weights.reduce((sum, w) => sum + w, 0);
  const table: number[] = [];
  let cumulative = 0;
  weights.forEach((weight, hour) => {
    cumulative += weight / total;
    while (table.length < Math.round(cumulative * 1000)) table.push(hour);
  });
  while (table.length < 1000) table.push(23);
  return table;
}

/**
 * gen_orders, gen_order_items, gen_payments, gen_feedback: silver rows for the orders of every
 * location and day. Draws are hash(seed, order, n) mapped to [0, 1), so the data does not depend on
 * DuckDB's thread scheduling. The outcome mix follows synthetic-events.ts: 3 % declined, 2 % cancelled
 * after payment (refunded in full), 1.5 % refunded in full after fulfilment, 2.5 % partly refunded.
 */
async function generateSilver(
  context: WriterContext,
  business: BusinessSpec,
  from: string,
  options: QueryLakeOptions,
): Promise<void> {
  const { duck } = context;
  const seed = options.seed;
  // Scaled so the expected total is `orders`: locations differ by weight, Fri/Sat are busier, Mon quieter.
  const meanWeight = business.locations.reduce((sum, l) => sum + l.weight, 0) / business.locations.length;
  const meanWeekday = (5 * 1 + 2 * 1.2 - 0.15) / 7;
  const perLocationDay = options.orders / (options.days * options.locations * meanWeight * meanWeekday);
  const customers = Math.max(1, Math.round(options.orders / 10));
  await duck.run(`CREATE OR REPLACE MACRO u(x) AS CAST(x % 1000000 AS DOUBLE) / 1000000`);
  // A plain expression, not a subquery: DuckDB would run a subquery macro once per row.
  await duck.run(`CREATE OR REPLACE MACRO uid(x) AS
    substr(md5(x), 1, 8) || '-' || substr(md5(x), 9, 4) || '-4' || substr(md5(x), 14, 3) || '-a'
    || substr(md5(x), 18, 3) || '-' || substr(md5(x), 21, 12)`);
  await duck.run(
    `CREATE OR REPLACE TEMP TABLE gen_loc AS SELECT * FROM (VALUES ${values(
      business.locations.map((l, index) => [index, l.id, business.id, l.timeZone, l.taxBps, l.weight]),
    )}) AS t(li, location_id, business_id, zone, tax_bps, weight)`,
  );
  const brandName = new Map(business.brands.map((brand) => [brand.id, brand.name]));
  const categoryName = new Map(business.categories.map((category) => [category.id, category.name]));
  await duck.run(
    `CREATE OR REPLACE TEMP TABLE gen_items AS SELECT * FROM (VALUES ${values(
      business.items.map((item, index) => [
        index,
        item.id,
        item.name,
        item.brandId,
        brandName.get(item.brandId) ?? null,
        item.categoryId,
        categoryName.get(item.categoryId) ?? null,
        item.station,
        item.price,
        item.cost,
      ]),
    )}) AS t(ii, item_id, item_name, brand_id, brand_name, category_id, category_name, station, unit_price, unit_cost)`,
  );
  await duck.run(
    `CREATE OR REPLACE TEMP TABLE gen_options AS SELECT * FROM (VALUES ${values(
      business.extras.options.map((option, index) => [index, option.id, option.name, option.price]),
    )}) AS t(oi, option_id, option_name, option_price)`,
  );
  const itemCount = business.items.length;
  const optionCount = business.extras.options.length;

  // One row per order: where, when (local wall clock → instant in the zone) and its draws.
  await duck.run(`
    CREATE OR REPLACE TEMP TABLE gen_base AS
    WITH days AS (SELECT CAST(d AS INTEGER) AS d, DATE '${from}' + CAST(d AS INTEGER) AS day FROM range(${options.days}) t(d)),
    counts AS (
      SELECT l.*, days.d, days.day,
             CAST(round(${perLocationDay} * l.weight
                        * CASE dayofweek(days.day) WHEN 5 THEN 1.2 WHEN 6 THEN 1.2 WHEN 1 THEN 0.85 ELSE 1 END
                        * (0.9 + 0.2 * u(hash(${seed}, l.li, days.d, -1)))) AS INTEGER) AS n
      FROM gen_loc l, days
    ),
    raw AS (SELECT *, unnest(range(n)) AS k FROM counts),
    drawn AS (
      SELECT *, hash(${seed}, li, d, k) AS h FROM raw
    ),
    placed AS (
      SELECT *, timezone(zone, day + to_seconds(
                  ${JSON.stringify(hourTable())}[1 + CAST(floor(u(hash(h, 1)) * 1000) AS INTEGER)] * 3600
                  + CAST(floor(u(hash(h, 2)) * 3600) AS INTEGER))) AS placed_at
      FROM drawn
    )
    SELECT uid('${seed}-o-' || h) AS order_id, business_id, location_id, zone, tax_bps, h, placed_at,
           CAST(placed_at AS DATE) AS order_date,
           CAST(timezone(zone, placed_at) AS DATE) AS local_date,
           CAST(hour(timezone(zone, placed_at)) AS INTEGER) AS local_hour,
           CASE WHEN u(hash(h, 3)) < 0.45 THEN 'takeout' WHEN u(hash(h, 3)) < 0.75 THEN 'delivery' ELSE 'dine_in' END
             AS service_type,
           CASE WHEN u(hash(h, 4)) < 0.75 THEN uid('${seed}-c-' || (hash(h, 5) % ${customers})) END AS customer_id,
           ['web', 'app', 'app', 'pos'][1 + CAST(hash(h, 6) % 4 AS INTEGER)] AS channel,
           1 + CAST(hash(h, 7) % 4 AS INTEGER) AS line_count,
           u(hash(h, 8)) AS outcome,
           CASE WHEN u(hash(h, 9)) < 0.85 THEN 'card' ELSE 'cash' END AS payment_method,
           u(hash(h, 10)) AS tip_draw, CAST(hash(h, 11) % 21 AS INTEGER) AS tip_pct,
           CAST(20 + hash(h, 12) % 50 AS INTEGER) AS minutes_to_finish
    FROM placed
  `);

  await duck.run(`
    CREATE OR REPLACE TEMP TABLE gen_order_items AS
    WITH lines AS (SELECT *, unnest(range(line_count)) AS j FROM gen_base),
    picked AS (
      SELECT l.*, i.*,
             i.station = 'grill' AND u(hash(l.h, 100 + l.j)) < 0.4 AS with_extra,
             CAST(hash(l.h, 200 + l.j) % ${optionCount} AS INTEGER) AS oi,
             CASE WHEN u(hash(l.h, 300 + l.j)) < 0.8 THEN 1 ELSE 2 + CAST(hash(l.h, 301 + l.j) % 2 AS INTEGER) END AS qty
      FROM lines l JOIN gen_items i ON i.ii = CAST(hash(l.h, 400 + l.j) % ${itemCount} AS INTEGER)
    )
    SELECT p.order_id, p.business_id, p.location_id, uid('${seed}-l-' || p.h || '-' || p.j) AS line_id,
           CAST(p.j + 1 AS INTEGER) AS line_number, p.item_id, p.item_name, p.brand_id, p.brand_name,
           p.category_id, p.category_name, p.station, p.unit_price,
           CASE WHEN p.with_extra THEN o.option_price ELSE 0 END AS modifiers_price,
           p.unit_price + CASE WHEN p.with_extra THEN o.option_price ELSE 0 END AS price,
           p.qty,
           (p.unit_price + CASE WHEN p.with_extra THEN o.option_price ELSE 0 END) * p.qty AS extended_price,
           0 AS discount, p.unit_cost, p.unit_cost * p.qty AS extended_cost,
           CASE WHEN p.with_extra
                THEN json_array(json_object('group_id', '${business.extras.groupId}', 'group_name', 'Extras',
                                            'option_id', o.option_id, 'name', o.option_name, 'price', o.option_price))
                ELSE '[]'::JSON END AS modifiers,
           false AS added_later, p.placed_at AS order_ts, p.order_date, p.local_date, p.local_hour
    FROM picked p JOIN gen_options o USING (oi)
  `);

  await duck.run(`
    CREATE OR REPLACE TEMP TABLE gen_orders AS
    WITH sums AS (
      SELECT order_id, sum(extended_price) AS subtotal, CAST(sum(qty) AS INTEGER) AS total_qty,
             CAST(count(DISTINCT brand_id) AS INTEGER) AS brand_count
      FROM gen_order_items GROUP BY order_id
    ),
    priced AS (
      SELECT b.*, s.subtotal, s.total_qty, s.brand_count,
             CAST(round(s.subtotal * b.tax_bps / 10000.0) AS BIGINT) AS tax,
             CASE WHEN b.service_type = 'dine_in' OR b.tip_draw < 0.5
                  THEN CAST(round(s.subtotal * b.tip_pct / 100.0) AS BIGINT) ELSE 0 END AS tip,
             CASE WHEN b.service_type = 'delivery' THEN 399 ELSE 0 END AS delivery_fee,
             CASE WHEN b.outcome < 0.03 THEN 'declined' WHEN b.outcome < 0.05 THEN 'cancelled'
                  WHEN b.outcome < 0.065 THEN 'refunded' WHEN b.outcome < 0.09 THEN 'partial' ELSE 'fulfilled' END AS fate
      FROM gen_base b JOIN sums s USING (order_id)
    ),
    totalled AS (
      SELECT *, subtotal + tax + tip + delivery_fee AS total,
             CASE fate WHEN 'declined' THEN 'cancelled' WHEN 'cancelled' THEN 'cancelled' WHEN 'refunded' THEN 'refunded'
                       ELSE CASE WHEN service_type = 'delivery' THEN 'delivered' ELSE 'completed' END END AS status
      FROM priced
    ),
    settled AS (
      SELECT *,
             CASE WHEN fate = 'declined' THEN 0 ELSE total END AS captured_amount,
             CASE fate WHEN 'cancelled' THEN total WHEN 'refunded' THEN total
                       WHEN 'partial' THEN greatest(1, CAST(round(subtotal * 0.3) AS BIGINT)) ELSE 0 END AS refunded_amount
      FROM totalled
    )
    SELECT order_id, business_id, location_id, customer_id, channel, service_type, 'CAD' AS currency, placed_at,
           order_date, local_date, local_hour, status, subtotal, 0 AS discount, 0 AS loyalty_discount, tax, tip,
           delivery_fee, total, captured_amount, refunded_amount,
           CASE WHEN status IN ('completed', 'delivered') THEN total - refunded_amount ELSE 0 END AS net_revenue,
           payment_method, CASE WHEN payment_method = 'card' THEN 'simulated' END AS payment_provider,
           line_count, total_qty, brand_count,
           CASE WHEN fate <> 'declined' THEN placed_at + INTERVAL 2 SECOND END AS confirmed_at,
           CASE fate WHEN 'declined' THEN placed_at + INTERVAL 2 SECOND
                     WHEN 'cancelled' THEN placed_at + INTERVAL 3 MINUTE END AS cancelled_at,
           CASE fate WHEN 'declined' THEN 'payment_declined' WHEN 'cancelled' THEN 'customer_request' END AS cancel_reason,
           CASE WHEN fate IN ('fulfilled', 'partial', 'refunded') THEN placed_at + to_minutes(minutes_to_finish) END
             AS finished_at,
           status = 'cancelled' AS is_cancelled, status = 'refunded' AS is_refunded,
           status IN ('completed', 'delivered') AS is_fulfilled,
           status IN ('completed', 'delivered') AS counts_as_revenue,
           placed_at + to_minutes(minutes_to_finish + 60) AS last_event_at,
           h, fate
    FROM settled
  `);

  await duck.run(`
    CREATE OR REPLACE TEMP TABLE gen_payments AS
    WITH events AS (
      SELECT o.*, e.kind, e.n FROM gen_orders o,
        (VALUES ('declined', 0), ('authorized', 1), ('captured', 2), ('refunded', 3)) AS e(kind, n)
      WHERE (o.fate = 'declined') = (e.kind = 'declined') AND (e.kind <> 'refunded' OR o.refunded_amount > 0)
    )
    SELECT uid('${seed}-e-' || h || '-' || n) AS event_id, order_id, business_id, location_id,
           uid('${seed}-p-' || h) AS payment_id,
           CASE WHEN kind = 'refunded' THEN uid('${seed}-r-' || h) END AS refund_id,
           kind, payment_method AS method, payment_provider AS provider,
           CASE WHEN kind = 'refunded' THEN refunded_amount ELSE total END AS amount, currency,
           CASE kind WHEN 'declined' THEN 'Insufficient funds' WHEN 'refunded' THEN
             CASE fate WHEN 'cancelled' THEN 'order cancelled' WHEN 'partial' THEN 'missing item' ELSE 'complaint' END
           END AS reason,
           CASE WHEN kind = 'refunded' THEN coalesce(cancelled_at, finished_at + INTERVAL 1 HOUR)
                ELSE placed_at + INTERVAL 2 SECOND END AS occurred_at,
           order_date, local_date, local_hour
    FROM events
  `);

  await duck.run(`
    CREATE OR REPLACE TEMP TABLE gen_feedback AS
    SELECT uid('${seed}-f-' || h) AS feedback_id, order_id, business_id, location_id, customer_id,
           [5, 5, 5, 4, 4, 4, 3, 2, 1][1 + CAST(hash(h, 20) % 9 AS INTEGER)] AS rating,
           CASE WHEN u(hash(h, 21)) < 0.7 THEN CAST(hash(h, 22) % 11 AS INTEGER) END AS nps,
           NULL AS comment, finished_at + to_minutes(CAST(20 + hash(h, 23) % 160 AS INTEGER)) AS submitted_at,
           order_date, local_date, local_hour
    FROM gen_orders
    WHERE customer_id IS NOT NULL AND fate IN ('fulfilled', 'partial', 'refunded') AND u(hash(h, 24)) < 0.15
  `);
}
