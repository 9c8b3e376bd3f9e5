import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { localParts } from '../../src/domain/locations/local-time.js';
import { DuckSession, sqlString } from '../../src/lake/duckdb/duck-session.js';
import { TRAILING_WINDOWS } from '../../src/lake/gold/affected-periods.js';
import { CUSTOMER_SPLIT_COLUMNS } from '../../src/lake/gold/order-header-sql.js';
import { partitionDir } from '../../src/lake/lake-keys.js';
import { GOLD_VERSION, LAKE_TABLES, type LakeTableName } from '../../src/lake/lake-tables.js';
import type { Manifest, ManifestFile } from '../../src/lake/manifest.js';
import { commitManifest } from '../../src/lake/manifest-io.js';
import { LocalDirStore } from '../../src/lake/store/local-dir-store.js';
import { typedSelect } from '../../src/lake/table-sql.js';

/**
 * A small lake on disk in the real format, for the analytics tests: Parquet files written by DuckDB
 * with exactly the columns of lake-tables.ts, under Hive-style keys, listed by a `_manifest.json`,
 * in a LocalDirStore. Two businesses:
 *
 * A (CAD): Toronto (L1) and Vancouver (L2); brands Burger Lab (burger, fries) and Noodle Bar (ramen,
 * gyoza); thirteen orders from January to 2026-03-15 (see ORDERS), with feedback, deliveries and
 * kitchen tickets, and hand-set gold_metrics rows.
 * B (USD): one Brooklyn location with two bagel orders on 2026-03-15 — it must never show up in A's
 * answers.
 *
 * Silver rows are built here from the order list; gold rows are derived from silver with plain SQL.
 * The tests check every figure against numbers worked out by hand from ORDERS, not against this SQL.
 */

export const BUSINESS_A = 'a0000000-0000-4000-8000-00000000000a';
export const BUSINESS_B = 'b0000000-0000-4000-8000-00000000000b';
export const L1 = 'a1000000-0000-4000-8000-000000000001';
export const L2 = 'a2000000-0000-4000-8000-000000000002';
export const LB = 'b1000000-0000-4000-8000-000000000001';
export const BRAND_BURGER = 'a3000000-0000-4000-8000-000000000001';
export const BRAND_NOODLE = 'a3000000-0000-4000-8000-000000000002';
const BRAND_BAGEL = 'b3000000-0000-4000-8000-000000000001';
export const ITEMS = {
  burger: 'a4000000-0000-4000-8000-000000000001',
  fries: 'a4000000-0000-4000-8000-000000000002',
  ramen: 'a4000000-0000-4000-8000-000000000003',
  gyoza: 'a4000000-0000-4000-8000-000000000004',
  bagel: 'b4000000-0000-4000-8000-000000000001',
} as const;
const CATEGORY_MAINS = 'a5000000-0000-4000-8000-000000000001';
const CATEGORY_SIDES = 'a5000000-0000-4000-8000-000000000002';
const CATEGORY_BAKERY = 'b5000000-0000-4000-8000-000000000001';
export const CUSTOMERS = {
  c1: 'c0000000-0000-4000-8000-000000000001',
  c2: 'c0000000-0000-4000-8000-000000000002',
  c3: 'c0000000-0000-4000-8000-000000000003',
  c4: 'c0000000-0000-4000-8000-000000000004',
  c5: 'c0000000-0000-4000-8000-000000000005',
  cb: 'cb000000-0000-4000-8000-000000000001',
} as const;

/** The instant the tests' clock shows: 14:00 in Toronto, 11:00 in Vancouver, on 2026-03-15. */
export const FIXTURE_NOW = new Date('2026-03-15T18:00:00.000Z');
export const FIXTURE_COMMITTED_AT = '2026-03-15T17:59:00.000Z';

interface LocationSpec {
  business: string;
  id: string;
  name: string;
  timeZone: string;
  currency: string;
}
const LOCATIONS: LocationSpec[] = [
  { business: BUSINESS_A, id: L1, name: 'Queen St', timeZone: 'America/Toronto', currency: 'CAD' },
  { business: BUSINESS_A, id: L2, name: 'Gastown', timeZone: 'America/Vancouver', currency: 'CAD' },
  { business: BUSINESS_B, id: LB, name: 'Brooklyn', timeZone: 'America/New_York', currency: 'USD' },
];

interface ItemSpec {
  business: string;
  id: string;
  name: string;
  brand: string;
  brandName: string;
  category: string;
  categoryName: string;
  station: string;
  price: number;
  cost: number;
}
const ITEM_SPECS: ItemSpec[] = [
  {
    business: BUSINESS_A,
    id: ITEMS.burger,
    name: 'Burger',
    brand: BRAND_BURGER,
    brandName: 'Burger Lab',
    category: CATEGORY_MAINS,
    categoryName: 'Mains',
    station: 'grill',
    price: 1000,
    cost: 400,
  },
  {
    business: BUSINESS_A,
    id: ITEMS.fries,
    name: 'Fries',
    brand: BRAND_BURGER,
    brandName: 'Burger Lab',
    category: CATEGORY_SIDES,
    categoryName: 'Sides',
    station: 'fry',
    price: 500,
    cost: 100,
  },
  {
    business: BUSINESS_A,
    id: ITEMS.ramen,
    name: 'Ramen',
    brand: BRAND_NOODLE,
    brandName: 'Noodle Bar',
    category: CATEGORY_MAINS,
    categoryName: 'Mains',
    station: 'wok',
    price: 1500,
    cost: 600,
  },
  {
    business: BUSINESS_A,
    id: ITEMS.gyoza,
    name: 'Gyoza',
    brand: BRAND_NOODLE,
    brandName: 'Noodle Bar',
    category: CATEGORY_SIDES,
    categoryName: 'Sides',
    station: 'wok',
    price: 800,
    cost: 200,
  },
  {
    business: BUSINESS_B,
    id: ITEMS.bagel,
    name: 'Bagel',
    brand: BRAND_BAGEL,
    brandName: 'Bagel Co',
    category: CATEGORY_BAKERY,
    categoryName: 'Bakery',
    station: 'oven',
    price: 400,
    cost: 100,
  },
];

export interface OrderSpec {
  id: string;
  business: string;
  location: string;
  customer: string | null;
  /** Local date and hour at the location. */
  date: string;
  hour: number;
  lines: { item: keyof typeof ITEMS; qty: number }[];
  discount?: number;
  tip?: number;
  deliveryFee?: number;
  method: 'card' | 'cash';
  service: 'takeout' | 'dine_in' | 'delivery';
  /** Cancelled before payment was captured. */
  cancelled?: boolean;
  refunded?: number;
  /** Refunded in full: no longer counts as revenue. */
  fullyRefunded?: boolean;
}

const order = (n: number) => `d0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const ORDER_IDS = {
  O1: order(1),
  O2: order(2),
  O3: order(3),
  O4: order(4),
  O5: order(5),
  O6: order(6),
  O7: order(7),
  P1: order(11),
  P2: order(12),
  P3: order(13),
  H1: order(21),
  H2: order(22),
  H3: order(23),
  B1: order(31),
  B2: order(32),
} as const;

/** Tax is 13 % of (subtotal − discount), rounded half up; the figures in comments are worked out. */
export const ORDERS: OrderSpec[] = [
  // The week 2026-03-09..15 (the "current" 7 days at the fixture's now).
  // O1: 2000 + tax 260 + tip 300 = 2560
  {
    id: ORDER_IDS.O1,
    business: BUSINESS_A,
    location: L1,
    customer: CUSTOMERS.c1,
    date: '2026-03-15',
    hour: 12,
    lines: [{ item: 'burger', qty: 2 }],
    tip: 300,
    method: 'card',
    service: 'takeout',
  },
  // O2: 2300 + tax 299 = 2599
  {
    id: ORDER_IDS.O2,
    business: BUSINESS_A,
    location: L1,
    customer: CUSTOMERS.c2,
    date: '2026-03-15',
    hour: 13,
    lines: [
      { item: 'ramen', qty: 1 },
      { item: 'gyoza', qty: 1 },
    ],
    method: 'cash',
    service: 'dine_in',
  },
  // O3: 1500 + tax 195 + tip 100 + fee 500 = 2295
  {
    id: ORDER_IDS.O3,
    business: BUSINESS_A,
    location: L2,
    customer: CUSTOMERS.c1,
    date: '2026-03-15',
    hour: 10,
    lines: [{ item: 'fries', qty: 3 }],
    tip: 100,
    deliveryFee: 500,
    method: 'card',
    service: 'delivery',
  },
  // O4: 1500 + tax 195 + tip 200 + fee 500 = 2395, 500 refunded → revenue 1895
  {
    id: ORDER_IDS.O4,
    business: BUSINESS_A,
    location: L1,
    customer: CUSTOMERS.c3,
    date: '2026-03-14',
    hour: 19,
    lines: [
      { item: 'burger', qty: 1 },
      { item: 'fries', qty: 1 },
    ],
    tip: 200,
    deliveryFee: 500,
    method: 'card',
    service: 'delivery',
    refunded: 500,
  },
  // O5: 3000 − 300 + tax 351 = 3051 (placed 18:00 in Vancouver = 01:00 UTC on the 11th)
  {
    id: ORDER_IDS.O5,
    business: BUSINESS_A,
    location: L2,
    customer: CUSTOMERS.c2,
    date: '2026-03-10',
    hour: 18,
    lines: [{ item: 'ramen', qty: 2 }],
    discount: 300,
    method: 'card',
    service: 'takeout',
  },
  // O6: cancelled before capture — no revenue, one cancellation
  {
    id: ORDER_IDS.O6,
    business: BUSINESS_A,
    location: L1,
    customer: CUSTOMERS.c4,
    date: '2026-03-12',
    hour: 12,
    lines: [{ item: 'burger', qty: 1 }],
    method: 'card',
    service: 'takeout',
    cancelled: true,
  },
  // O7: guest, 800 + tax 104 = 904
  {
    id: ORDER_IDS.O7,
    business: BUSINESS_A,
    location: L2,
    customer: null,
    date: '2026-03-13',
    hour: 12,
    lines: [{ item: 'gyoza', qty: 1 }],
    method: 'cash',
    service: 'takeout',
  },
  // The week before (2026-03-02..08).
  // P1: 1000 + 130 + tip 100 = 1230
  {
    id: ORDER_IDS.P1,
    business: BUSINESS_A,
    location: L1,
    customer: CUSTOMERS.c1,
    date: '2026-03-05',
    hour: 12,
    lines: [{ item: 'burger', qty: 1 }],
    tip: 100,
    method: 'card',
    service: 'takeout',
  },
  // P2: 1500 + 195 = 1695 (19:00 PST on the 7th = 03:00 UTC on the 8th)
  {
    id: ORDER_IDS.P2,
    business: BUSINESS_A,
    location: L2,
    customer: CUSTOMERS.c5,
    date: '2026-03-07',
    hour: 19,
    lines: [{ item: 'ramen', qty: 1 }],
    method: 'card',
    service: 'takeout',
  },
  // P3: 500 + 65 = 565, refunded in full
  {
    id: ORDER_IDS.P3,
    business: BUSINESS_A,
    location: L1,
    customer: CUSTOMERS.c2,
    date: '2026-03-08',
    hour: 13,
    lines: [{ item: 'fries', qty: 1 }],
    method: 'card',
    service: 'takeout',
    refunded: 565,
    fullyRefunded: true,
  },
  // History: first orders of c1 (January) and c2 (February); c1 at Vancouver in February.
  {
    id: ORDER_IDS.H1,
    business: BUSINESS_A,
    location: L1,
    customer: CUSTOMERS.c1,
    date: '2026-01-20',
    hour: 12,
    lines: [{ item: 'burger', qty: 1 }],
    method: 'card',
    service: 'takeout',
  },
  {
    id: ORDER_IDS.H2,
    business: BUSINESS_A,
    location: L1,
    customer: CUSTOMERS.c2,
    date: '2026-02-10',
    hour: 12,
    lines: [{ item: 'fries', qty: 2 }],
    method: 'card',
    service: 'takeout',
  },
  {
    id: ORDER_IDS.H3,
    business: BUSINESS_A,
    location: L2,
    customer: CUSTOMERS.c1,
    date: '2026-02-14',
    hour: 19,
    lines: [{ item: 'ramen', qty: 1 }],
    method: 'card',
    service: 'takeout',
  },
  // Business B: two big orders today (10 bagels = 4000 each, no tax rule in this fixture's B).
  {
    id: ORDER_IDS.B1,
    business: BUSINESS_B,
    location: LB,
    customer: CUSTOMERS.cb,
    date: '2026-03-15',
    hour: 9,
    lines: [{ item: 'bagel', qty: 10 }],
    method: 'card',
    service: 'takeout',
  },
  {
    id: ORDER_IDS.B2,
    business: BUSINESS_B,
    location: LB,
    customer: CUSTOMERS.cb,
    date: '2026-03-15',
    hour: 10,
    lines: [{ item: 'bagel', qty: 10 }],
    method: 'card',
    service: 'takeout',
  },
];

const FEEDBACK = [
  { order: ORDER_IDS.O1, rating: 5, nps: 10 },
  { order: ORDER_IDS.O2, rating: 4, nps: 8 },
  { order: ORDER_IDS.O4, rating: 2, nps: 3 },
  { order: ORDER_IDS.P1, rating: 4, nps: 9 },
  { order: ORDER_IDS.B1, rating: 1, nps: 0 },
];

/** Seconds of each delivery phase. */
const DELIVERIES = [
  {
    order: ORDER_IDS.O3,
    phases: {
      placed_to_confirmed_s: 30,
      confirmed_to_ready_s: 600,
      ready_to_picked_up_s: 120,
      assigned_to_arrived_s: 300,
      picked_up_to_delivered_s: 900,
      placed_to_delivered_s: 1650,
    },
  },
  {
    order: ORDER_IDS.O4,
    phases: {
      placed_to_confirmed_s: 60,
      confirmed_to_ready_s: 900,
      ready_to_picked_up_s: 300,
      assigned_to_arrived_s: 200,
      picked_up_to_delivered_s: 1500,
      placed_to_delivered_s: 2760,
    },
  },
];

const TICKETS = [
  { order: ORDER_IDS.O1, station: 'grill', prep: 300, wait: 60, late: false },
  { order: ORDER_IDS.O2, station: 'wok', prep: 600, wait: 120, late: true },
  { order: ORDER_IDS.O3, station: 'fry', prep: 240, wait: 30, late: false },
  { order: ORDER_IDS.O4, station: 'grill', prep: 500, wait: 100, late: true },
  { order: ORDER_IDS.O4, station: 'fry', prep: 200, wait: 40, late: false },
  { order: ORDER_IDS.O6, station: 'grill', prep: null, wait: null, late: false, cancelled: true },
];

/** Hand-set standard metrics of business A (gold_metrics is computed by the writer, not derived here). */
const METRICS = [
  { location: null, grain: 'day', start: '2026-03-13', end: '2026-03-13', revenue: 904, aov: 904, orders: 1 },
  {
    location: null,
    grain: 'day',
    start: '2026-03-14',
    end: '2026-03-14',
    revenue: 1895,
    aov: 1895,
    orders: 1,
  },
  {
    location: null,
    grain: 'day',
    start: '2026-03-15',
    end: '2026-03-15',
    revenue: 7454,
    aov: 2484.67,
    orders: 3,
  },
  {
    location: L1,
    grain: 'day',
    start: '2026-03-15',
    end: '2026-03-15',
    revenue: 5159,
    aov: 2579.5,
    orders: 2,
  },
  {
    location: null,
    grain: 'week',
    start: '2026-03-09',
    end: '2026-03-15',
    revenue: 13304,
    aov: 2217.33,
    orders: 6,
  },
  {
    location: null,
    grain: 'month',
    start: '2026-02-01',
    end: '2026-02-28',
    revenue: 2825,
    aov: 1412.5,
    orders: 2,
  },
  {
    location: null,
    grain: 'month',
    start: '2026-03-01',
    end: '2026-03-31',
    revenue: 16229,
    aov: 2028.63,
    orders: 8,
  },
];

export interface LakeFixture {
  root: string;
  store: LocalDirStore;
  manifest: Manifest;
  /** Local path of a file of `table` for `businessId` (the first listed). */
  pathOf(table: LakeTableName, businessId: string): string;
  /**
   * Replaces one partition's file by a new one (a new key, as the writer does) holding the rows of
   * `select` — a query over `previous`, the partition's current rows — and commits the next manifest.
   */
  rewritePartition(
    table: LakeTableName,
    businessId: string,
    partition: string | null,
    select: string,
  ): Promise<void>;
  close(): Promise<void>;
}

export async function writeLakeFixture(): Promise<LakeFixture> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'brigade-lake-fixture-'));
  const scratch = path.join(root, '.scratch');
  await mkdir(scratch, { recursive: true });
  const store = new LocalDirStore(path.join(root, 'lake'));
  const duck = await DuckSession.open();
  try {
    const rows = silverRows();
    for (const [table, tableRows] of Object.entries(rows) as [LakeTableName, Record<string, unknown>[]][]) {
      await loadRows(duck, scratch, table, tableRows);
    }
    for (const [table, sql] of Object.entries(GOLD_SQL) as [LakeTableName, string][]) {
      await duck.run(`CREATE TABLE ${table} AS ${typedSelect(table, sql)}`);
    }
    const files: ManifestFile[] = [];
    for (const table of [...Object.keys(rows), ...Object.keys(GOLD_SQL)] as LakeTableName[]) {
      files.push(...(await writeTable(duck, store, scratch, table, 1)));
    }
    let manifest: Manifest = {
      format: 1,
      version: 1,
      cursor: '100',
      committedAt: FIXTURE_COMMITTED_AT,
      goldVersion: GOLD_VERSION,
      files,
    };
    await commitManifest(store, manifest);

    return {
      root,
      store,
      get manifest() {
        return manifest;
      },
      pathOf(table, businessId) {
        const file = manifest.files.find((f) => f.table === table && f.businessId === businessId);
        if (!file) throw new Error(`no ${table} file for ${businessId}`);
        return path.join(store.root, ...file.key.split('/'));
      },
      async rewritePartition(table, businessId, partition, select) {
        const old = manifest.files.filter(
          (f) => f.table === table && f.businessId === businessId && f.partition === partition,
        );
        const session = await DuckSession.open();
        try {
          const paths = old.map((f) => sqlString(path.join(store.root, ...f.key.split('/'))));
          await session.run(`CREATE VIEW previous AS SELECT * FROM read_parquet([${paths.join(', ')}])`);
          const version = manifest.version + 1;
          const written = await writePartitionFile(
            session,
            store,
            scratch,
            table,
            businessId,
            partition,
            select,
            version,
          );
          manifest = {
            ...manifest,
            version,
            committedAt: new Date(Date.parse(manifest.committedAt) + 60_000).toISOString(),
            files: [...manifest.files.filter((f) => !old.includes(f)), written],
          };
          await commitManifest(store, manifest);
        } finally {
          session.close();
        }
      },
      async close() {
        await rm(root, { recursive: true, force: true });
      },
    };
  } finally {
    duck.close();
  }
}

/** Loads rows (objects keyed by column) as a table typed exactly like the lake table. */
async function loadRows(
  duck: DuckSession,
  scratch: string,
  table: LakeTableName,
  rows: Record<string, unknown>[],
): Promise<void> {
  const file = path.join(scratch, `${table}.json`);
  await writeFile(file, rows.map((row) => JSON.stringify(row)).join('\n'));
  const columns = Object.entries(LAKE_TABLES[table].columns)
    .map(([name, type]) => `${sqlString(name)}: '${type === 'JSON' ? 'VARCHAR' : type}'`)
    .join(', ');
  await duck.run(
    `CREATE TABLE ${table} AS ${typedSelect(
      table,
      `SELECT * FROM read_json(${sqlString(file)}, format = 'newline_delimited', columns = {${columns}})`,
    )}`,
  );
}

/** One file per (business, partition) of a loaded table, as the writer lays them out. */
async function writeTable(
  duck: DuckSession,
  store: LocalDirStore,
  scratch: string,
  table: LakeTableName,
  version: number,
): Promise<ManifestFile[]> {
  const column = LAKE_TABLES[table].partition;
  const partitionExpr = column === 'none' ? 'NULL' : `CAST("${column}" AS VARCHAR)`;
  const groups = await duck.rows<{ business_id: string; partition: string | null }>(
    `SELECT DISTINCT business_id, ${partitionExpr} AS partition FROM ${table} ORDER BY ALL`,
  );
  const files: ManifestFile[] = [];
  for (const group of groups) {
    const where =
      `business_id = ${sqlString(group.business_id)}` +
      (group.partition === null ? '' : ` AND ${partitionExpr} = ${sqlString(group.partition)}`);
    files.push(
      await writePartitionFile(
        duck,
        store,
        scratch,
        table,
        group.business_id,
        group.partition,
        `SELECT * FROM ${table} WHERE ${where}`,
        version,
      ),
    );
  }
  return files;
}

async function writePartitionFile(
  duck: DuckSession,
  store: LocalDirStore,
  scratch: string,
  table: LakeTableName,
  businessId: string,
  partition: string | null,
  select: string,
  version: number,
): Promise<ManifestFile> {
  const local = path.join(scratch, `${table}-${businessId}-${partition ?? 'all'}-v${version}.parquet`);
  await duck.run(`COPY (${typedSelect(table, select)}) TO ${sqlString(local)} (FORMAT parquet)`);
  const [counted] = await duck.rows<{ rows: string }>(
    `SELECT count(*) AS rows FROM read_parquet(${sqlString(local)})`,
  );
  const key = `${partitionDir(table, businessId, partition)}/v${version}.parquet`;
  await store.putFile(key, local);
  return {
    table,
    key,
    businessId,
    partition,
    rows: Number(counted?.rows ?? 0),
    bytes: (await stat(local)).size,
    writtenAt: FIXTURE_COMMITTED_AT,
  };
}

/** The UTC instant of a local wall-clock time (whole hours; the fixture avoids DST gaps). */
function instantOf(timeZone: string, date: string, hour: number, minute = 0): Date {
  const wall = Date.parse(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`);
  for (let offset = -14; offset <= 14; offset++) {
    const candidate = new Date(wall - offset * 3_600_000);
    const parts = localParts(timeZone, candidate);
    if (parts.date === date && parts.minutes === hour * 60 + minute) return candidate;
  }
  throw new Error(`no instant for ${date} ${hour}:00 in ${timeZone}`);
}

function silverRows(): Partial<Record<LakeTableName, Record<string, unknown>[]>> {
  const location = (id: string) => {
    const found = LOCATIONS.find((l) => l.id === id);
    if (!found) throw new Error(`unknown location ${id}`);
    return found;
  };
  const item = (key: keyof typeof ITEMS) => {
    const found = ITEM_SPECS.find((i) => i.id === ITEMS[key]);
    if (!found) throw new Error(`unknown item ${key}`);
    return found;
  };
  const placed = new Map<string, { at: Date; orderDate: string; spec: OrderSpec }>();
  const orders: Record<string, unknown>[] = [];
  const orderItems: Record<string, unknown>[] = [];
  for (const spec of ORDERS) {
    const loc = location(spec.location);
    const at = instantOf(loc.timeZone, spec.date, spec.hour);
    const orderDate = at.toISOString().slice(0, 10);
    placed.set(spec.id, { at, orderDate, spec });
    const subtotal = spec.lines.reduce((sum, line) => sum + item(line.item).price * line.qty, 0);
    const discount = spec.discount ?? 0;
    const tax = spec.business === BUSINESS_B ? 0 : Math.round((subtotal - discount) * 0.13);
    const tip = spec.tip ?? 0;
    const fee = spec.deliveryFee ?? 0;
    const total = subtotal - discount + tax + tip + fee;
    const captured = spec.cancelled ? 0 : total;
    const refunded = spec.refunded ?? 0;
    const countsAsRevenue = !spec.cancelled && !spec.fullyRefunded;
    const common = {
      order_id: spec.id,
      business_id: spec.business,
      location_id: spec.location,
      order_date: orderDate,
      local_date: spec.date,
      local_hour: spec.hour,
    };
    orders.push({
      ...common,
      customer_id: spec.customer,
      channel: 'app',
      service_type: spec.service,
      currency: loc.currency,
      placed_at: at.toISOString(),
      status: spec.cancelled ? 'cancelled' : spec.fullyRefunded ? 'refunded' : 'completed',
      subtotal,
      discount,
      loyalty_discount: 0,
      tax,
      tip,
      delivery_fee: fee,
      total,
      captured_amount: captured,
      refunded_amount: refunded,
      net_revenue: captured - refunded,
      payment_method: spec.method,
      payment_provider: 'simulated',
      line_count: spec.lines.length,
      total_qty: spec.lines.reduce((sum, line) => sum + line.qty, 0),
      brand_count: new Set(spec.lines.map((line) => item(line.item).brand)).size,
      confirmed_at: spec.cancelled ? null : new Date(at.getTime() + 60_000).toISOString(),
      cancelled_at: spec.cancelled ? new Date(at.getTime() + 120_000).toISOString() : null,
      cancel_reason: spec.cancelled ? 'customer' : null,
      finished_at: new Date(at.getTime() + 3_600_000).toISOString(),
      is_cancelled: spec.cancelled === true,
      is_refunded: spec.fullyRefunded === true,
      is_fulfilled: countsAsRevenue,
      counts_as_revenue: countsAsRevenue,
      last_event_at: new Date(at.getTime() + 3_600_000).toISOString(),
    });
    spec.lines.forEach((line, index) => {
      const it = item(line.item);
      orderItems.push({
        ...common,
        line_id: `${spec.id.slice(0, 30)}${String(index).padStart(6, '0')}`,
        line_number: index + 1,
        item_id: it.id,
        item_name: it.name,
        brand_id: it.brand,
        brand_name: it.brandName,
        category_id: it.category,
        category_name: it.categoryName,
        station: it.station,
        unit_price: it.price,
        modifiers_price: 0,
        price: it.price,
        qty: line.qty,
        extended_price: it.price * line.qty,
        // One-line orders carry the order's discount on their line.
        discount: spec.lines.length === 1 ? discount : 0,
        unit_cost: it.cost,
        extended_cost: it.cost * line.qty,
        modifiers: '[]',
        added_later: false,
        order_ts: at.toISOString(),
      });
    });
  }
  const place = (orderId: string) => {
    const found = placed.get(orderId);
    if (!found) throw new Error(`unknown order ${orderId}`);
    return {
      business_id: found.spec.business,
      location_id: found.spec.location,
      order_date: found.orderDate,
      local_date: found.spec.date,
      local_hour: found.spec.hour,
      at: found.at,
      spec: found.spec,
    };
  };
  const later = (at: Date, seconds: number) => new Date(at.getTime() + seconds * 1000).toISOString();

  const feedback = FEEDBACK.map((f, index) => {
    const { at, spec, ...p } = place(f.order);
    return {
      ...p,
      feedback_id: `f0000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      order_id: f.order,
      customer_id: spec.customer,
      rating: f.rating,
      nps: f.nps,
      comment: null,
      submitted_at: later(at, 7200),
    };
  });
  const deliveries = DELIVERIES.map((d) => {
    const { at, spec: _spec, ...p } = place(d.order);
    return {
      ...p,
      order_id: d.order,
      driver_id: 'e0000000-0000-4000-8000-000000000001',
      placed_at: at.toISOString(),
      confirmed_at: later(at, d.phases.placed_to_confirmed_s),
      ready_at: later(at, d.phases.placed_to_confirmed_s + d.phases.confirmed_to_ready_s),
      assigned_at: later(at, 60),
      arrived_at: later(at, 60 + d.phases.assigned_to_arrived_s),
      picked_up_at: later(at, d.phases.placed_to_delivered_s - d.phases.picked_up_to_delivered_s),
      delivered_at: later(at, d.phases.placed_to_delivered_s),
      failed_at: null,
      ping_count: 12,
      ...d.phases,
    };
  });
  const tickets = TICKETS.map((t, index) => {
    const { at, spec: _spec, ...p } = place(t.order);
    const started = t.wait === null ? null : later(at, t.wait);
    return {
      ...p,
      ticket_id: `70000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      order_id: t.order,
      station: t.station,
      created_at: at.toISOString(),
      started_at: started,
      ready_at: t.prep === null ? null : later(at, (t.wait ?? 0) + t.prep),
      served_at: t.prep === null ? null : later(at, (t.wait ?? 0) + t.prep + 60),
      cancelled_at: t.cancelled ? later(at, 120) : null,
      wait_s: t.wait,
      prep_s: t.prep,
      pass_s: t.prep === null ? null : 60,
      late: t.late,
    };
  });
  const updated = FIXTURE_COMMITTED_AT;
  return {
    orders,
    order_items: orderItems,
    feedback,
    deliveries,
    kitchen_tickets: tickets,
    dim_locations: LOCATIONS.map((l) => ({
      location_id: l.id,
      business_id: l.business,
      name: l.name,
      time_zone: l.timeZone,
      currency: l.currency,
      status: 'active',
      lat: 0,
      lon: 0,
      deleted: false,
      updated_at: updated,
    })),
    dim_brands: [
      ...new Map(
        ITEM_SPECS.map((i) => [i.brand, { brand_id: i.brand, business_id: i.business, name: i.brandName }]),
      ),
    ].map(([, brand]) => ({ ...brand, deleted: false, updated_at: updated })),
    dim_items: ITEM_SPECS.map((i) => ({
      item_id: i.id,
      business_id: i.business,
      name: i.name,
      category_id: i.category,
      sku: null,
      station: i.station,
      price: i.price,
      cost: i.cost,
      deleted: false,
      updated_at: updated,
    })),
    gold_metrics: METRICS.map((m) => ({
      business_id: BUSINESS_A,
      location_id: m.location,
      grain: m.grain,
      period_start: m.start,
      period_end: m.end,
      revenue: m.revenue,
      aov: m.aov,
      order_count: m.orders,
      customer_count: m.orders,
      repeat_rate: 0.5,
      fulfillment_rate: 0.875,
      churn_rate: m.grain === 'month' ? 0.25 : 0,
      period_month: m.start.slice(0, 7),
    })),
  };
}

/**
 * Gold derived from the silver tables above (orders that count as revenue, unless said otherwise), with
 * the lake writer's definitions (src/lake/gold): item sales gross (price × qty), item performance and
 * brand sales net of the line's discount, sales = net revenue of the orders that count.
 */
const GOLD_SQL: Partial<Record<LakeTableName, string>> = {
  gold_order_header: `
    SELECT o.order_id, o.business_id, o.location_id, o.local_date, o.local_hour, o.placed_at, o.customer_id,
           ${CUSTOMER_SPLIT_COLUMNS},
           o.service_type, o.status, o.payment_method, o.counts_as_revenue, o.net_revenue AS order_revenue,
           o.total, o.tax, o.tip, o.refunded_amount, o.total_qty, o.line_count AS total_items,
           o.brand_count AS brands_in_order
      FROM orders o`,
  gold_daily_sales_summary: `
    SELECT business_id, location_id, local_date,
           sum(net_revenue) FILTER (WHERE counts_as_revenue) AS total_sales,
           count(*) FILTER (WHERE counts_as_revenue) AS total_orders,
           count(DISTINCT customer_id) FILTER (WHERE counts_as_revenue) AS total_customers,
           avg(net_revenue) FILTER (WHERE counts_as_revenue) AS avg_order_value,
           coalesce(sum(tip) FILTER (WHERE counts_as_revenue), 0) AS total_tips,
           coalesce(sum(tax) FILTER (WHERE counts_as_revenue), 0) AS total_tax,
           count(*) FILTER (WHERE is_cancelled) AS cancelled_orders,
           sum(refunded_amount) AS refunded_amount, '{}' AS payment_methods, '[]' AS top_items
      FROM orders GROUP BY ALL`,
  gold_financial_day: `
    SELECT o.business_id, o.location_id, o.local_date, count(*) AS paid_orders, sum(o.subtotal) AS gross_sales,
           sum(coalesce(o.discount, 0) + coalesce(o.loyalty_discount, 0)) AS discounts, sum(o.tax) AS tax,
           sum(o.tip) AS tips, sum(o.delivery_fee) AS delivery_fees, sum(o.captured_amount) AS collected,
           sum(o.refunded_amount) AS refunds, coalesce(sum(c.cost), 0) AS cogs
      FROM orders o
      LEFT JOIN (SELECT order_id, sum(extended_cost) AS cost FROM order_items GROUP BY ALL) c USING (order_id)
     WHERE o.captured_amount > 0 GROUP BY ALL`,
  gold_feedback_day: `
    SELECT business_id, location_id, local_date, count(rating) AS ratings, coalesce(sum(rating), 0) AS rating_sum,
           count(nps) AS nps_responses, count(*) FILTER (WHERE nps >= 9) AS promoters,
           count(*) FILTER (WHERE nps <= 6) AS detractors
      FROM feedback GROUP BY ALL`,
  gold_location_sales_hourly: `
    SELECT business_id, location_id, local_date, local_hour AS hour, count(*) AS orders,
           sum(net_revenue) AS revenue, sum(tip) AS tips
      FROM orders WHERE counts_as_revenue GROUP BY ALL`,
  gold_item_sales_day: `
    SELECT i.business_id, i.location_id, i.local_date, i.item_id, any_value(i.item_name) AS item_name,
           any_value(i.brand_id) AS brand_id, any_value(i.category_id) AS category_id,
           any_value(i.category_name) AS category_name, sum(i.qty) AS units_sold,
           sum(i.extended_price) AS gross_revenue
      FROM order_items i JOIN orders o USING (order_id) WHERE o.counts_as_revenue GROUP BY ALL`,
  gold_brand_sales_day: `
    SELECT i.business_id, i.location_id, i.local_date, i.brand_id, any_value(i.brand_name) AS brand_name,
           count(DISTINCT i.order_id) AS orders, sum(i.qty) AS items_sold,
           sum(i.extended_price - i.discount) AS brand_revenue
      FROM order_items i JOIN orders o USING (order_id) WHERE o.counts_as_revenue GROUP BY ALL`,
  gold_item_performance: `
    SELECT i.business_id, i.location_id, i.local_date, i.item_id, any_value(i.item_name) AS item_name,
           any_value(i.category_name) AS category_name, sum(i.qty) AS quantity_sold,
           sum(i.extended_price - i.discount) AS revenue, sum(i.extended_cost) AS cost,
           sum(i.extended_price - i.discount) - sum(i.extended_cost) AS profit,
           (sum(i.extended_price - i.discount) - sum(i.extended_cost)) / sum(i.extended_price - i.discount) AS margin
      FROM order_items i JOIN orders o USING (order_id) WHERE o.counts_as_revenue GROUP BY ALL`,
  // Counted by brute force for every day of 2026 up to the day after FIXTURE_NOW's (the writer's
  // running sums are reconciled in transforms.test.ts): business-wide rows always, location rows when
  // not zero.
  gold_trailing_customers: `
    WITH ends AS (
      SELECT b.business_id, CAST(d.range AS DATE) AS period_end
        FROM (SELECT DISTINCT business_id FROM orders) b,
             range(DATE '2026-01-01', DATE '2026-03-17', INTERVAL 1 DAY) d
    ),
    windows AS (SELECT unnest([${TRAILING_WINDOWS.join(', ')}]) AS window_days),
    counted AS (
      SELECT e.business_id, o.location_id, e.period_end, w.window_days, count(DISTINCT o.customer_id) AS customers
        FROM ends e CROSS JOIN windows w
        JOIN orders o ON o.business_id = e.business_id AND o.counts_as_revenue AND o.customer_id IS NOT NULL
         AND o.local_date BETWEEN e.period_end - w.window_days + 1 AND e.period_end
       GROUP BY GROUPING SETS ((e.business_id, e.period_end, w.window_days),
                               (e.business_id, o.location_id, e.period_end, w.window_days))
    )
    SELECT e.business_id, NULL AS location_id, e.period_end, w.window_days, coalesce(c.customers, 0) AS customers,
           strftime(e.period_end, '%Y-%m') AS period_month
      FROM ends e CROSS JOIN windows w
      LEFT JOIN counted c ON c.business_id = e.business_id AND c.location_id IS NULL
       AND c.period_end = e.period_end AND c.window_days = w.window_days
    UNION ALL
    SELECT business_id, location_id, period_end, window_days, customers, strftime(period_end, '%Y-%m') AS period_month
      FROM counted WHERE location_id IS NOT NULL`,
};
