import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { affectedTrailingEnds } from '../../../src/lake/gold/affected-periods.js';
import { TRAILING_CUSTOMERS_SQL } from '../../../src/lake/gold/trailing-customers-sql.js';
import type { ManifestFile } from '../../../src/lake/manifest.js';
import { loadFilesKept } from '../../../src/lake/writer/kept-files.js';
import { writePartitioned } from '../../../src/lake/writer/partitioned-write.js';
import { prepareTrailingSplit } from '../../../src/lake/writer/trailing-split.js';
import type { WriterContext } from '../../../src/lake/writer/writer-context.js';
import { openScratchWriterContext } from '../../support/scratch-writer-context.js';
import { comparableRows } from '../../unit/lake/lake-rows.js';
import { expectedTrailingCustomers, type HeaderFact } from '../../unit/lake/metrics-oracle.js';

/**
 * prepareTrailingSplit across flushes of one writer session: the visits before the split day are
 * computed once and kept while the split lies at most a week before a flush's first day and the
 * header files before it stay the same, and computed again when a flush starts before the split (a
 * late order), more than a week after it, or a file before it was written again, so every answer
 * equals the plain count.
 */
describe('gold_trailing_customers across flushes', () => {
  const TODAY = '2025-12-31';
  let scratch: Awaited<ReturnType<typeof openScratchWriterContext>>;
  let context: WriterContext;
  let version = 0;
  const files = new Map<string, ManifestFile>();
  const facts = new Map<string, HeaderFact[]>();

  beforeAll(async () => {
    scratch = await openScratchWriterContext('trailing-split', new Date(`${TODAY}T12:00:00Z`));
    context = scratch.context;
  });
  afterAll(() => scratch?.close());

  /** (Re)writes a day's gold_order_header file with orders of the given customers (L1, counting). */
  async function writeDay(day: string, customers: readonly string[]): Promise<void> {
    version += 1;
    const rows = customers.map((customer, n) => `('${day}-o${n}-v${version}', DATE '${day}', '${customer}')`);
    const [file] = await writePartitioned(context.duck, context.store, context.scratchDir, {
      table: 'gold_order_header',
      source: `SELECT order_id, 'b1' AS business_id, 'L1' AS location_id, local_date, NULL AS local_hour,
                      NULL AS placed_at, customer_id, NULL AS customer_uuid, customer_id AS customer_text,
                      NULL AS service_type, 'completed' AS status, NULL AS payment_method,
                      true AS counts_as_revenue, 100 AS order_revenue, 100 AS total, 0 AS tax, 0 AS tip,
                      0 AS refunded_amount, 1 AS total_qty, 1 AS total_items, 1 AS brands_in_order
               FROM (VALUES ${rows.join(', ')}) AS v(order_id, local_date, customer_id)`,
      fileName: `v${version}.parquet`,
    });
    if (!file) throw new Error('one file expected');
    files.set(day, file);
    facts.set(
      day,
      customers.map((customer, n) => ({
        orderId: `${day}-${n}`,
        locationId: 'L1',
        localDate: day,
        customerId: customer,
        status: 'completed',
        countsAsRevenue: true,
        orderRevenue: 100,
      })),
    );
  }

  /** One flush's trailing step for orders changed on `changed`, as gold-step.ts runs it. */
  async function flush(changed: string) {
    const ends = affectedTrailingEnds([changed], TODAY);
    const headerFiles = [...files.values()];
    await loadFilesKept(context, 'order_header_all', 'gold_order_header', headerFiles);
    await context.duck.run('CREATE OR REPLACE TEMP TABLE target_ends (business_id VARCHAR, period_end DATE)');
    await context.duck.run(
      `INSERT INTO target_ends VALUES ${ends.map((end) => `('b1', DATE '${end}')`).join(', ')}`,
    );
    await prepareTrailingSplit(context, new Map([['b1', { firstDay: ends[0] as string, headerFiles }]]));
    const got = await context.duck.rows(TRAILING_CUSTOMERS_SQL);
    const expected = expectedTrailingCustomers([...facts.values()].flat(), ends).map((row) => ({
      ...row,
      business_id: 'b1',
    }));
    expect(comparableRows('gold_trailing_customers', got)).toEqual(
      comparableRows('gold_trailing_customers', expected),
    );
  }

  /** A harmless row in the kept steps: it survives a flush only if the kept steps were reused. */
  const plantMarker = () =>
    context.duck.run(`INSERT INTO trailing_old_steps VALUES ('b1', 'marker', 1, DATE '2099-01-01', 0)`);
  const markerKept = async () =>
    (await context.duck.rows(`SELECT 1 FROM trailing_old_steps WHERE scope = 'marker'`)).length > 0;

  it('keeps the visits before today between live flushes and recomputes them after late data', async () => {
    await writeDay('2025-12-01', ['c1', 'c2']);
    await writeDay('2025-12-20', ['c2', 'c3']);
    await writeDay('2025-12-30', ['c1']);
    await writeDay(TODAY, ['c4']);
    await flush(TODAY);

    // Another live flush: only today's file changed, the kept visits serve again.
    await plantMarker();
    await writeDay(TODAY, ['c4', 'c1', 'c5']);
    await flush(TODAY);
    expect(await markerKept()).toBe(true);

    // A late order on 12-20: the split moves back to it and the visits before it are computed.
    await writeDay('2025-12-20', ['c2', 'c3', 'c6']);
    await flush('2025-12-20');
    expect(await markerKept()).toBe(false);

    // Back to today: eleven days after the kept split, too far.
    await plantMarker();
    await writeDay(TODAY, ['c4', 'c1', 'c5', 'c6']);
    await flush(TODAY);
    expect(await markerKept()).toBe(false);

    // The same split, but a file before it written again (compaction, a replayed batch): computed again.
    await plantMarker();
    await writeDay('2025-12-01', ['c1', 'c2', 'c7']);
    await flush(TODAY);
    expect(await markerKept()).toBe(false);
    await plantMarker();
    await flush(TODAY);
    expect(await markerKept()).toBe(true);

    // A flush from a location still on yesterday splits there; today's flushes keep that split (any
    // split before the first day gives the same counts) instead of recomputing at each alternation.
    await writeDay('2025-12-30', ['c1', 'c8']);
    await flush('2025-12-30');
    expect(await markerKept()).toBe(false);
    await plantMarker();
    await writeDay(TODAY, ['c4', 'c1', 'c5', 'c6', 'c9']);
    await flush(TODAY);
    await writeDay('2025-12-30', ['c1', 'c8', 'c10']);
    await flush('2025-12-30');
    await flush(TODAY);
    expect(await markerKept()).toBe(true);
  });
});
