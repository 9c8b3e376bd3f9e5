import { unlink } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManifestFile } from '../../../src/lake/manifest.js';
import { loadFilesKept } from '../../../src/lake/writer/kept-files.js';
import { writePartitioned } from '../../../src/lake/writer/partitioned-write.js';
import type { WriterContext } from '../../../src/lake/writer/writer-context.js';
import { openScratchWriterContext } from '../../support/scratch-writer-context.js';

/**
 * loadFilesKept: the view holds exactly the rows of the files asked for, files held from an earlier
 * call are not read again (proved by deleting them from disk), and a file written again under the
 * same key is read again.
 */
describe('loadFilesKept', () => {
  let scratch: Awaited<ReturnType<typeof openScratchWriterContext>>;
  let context: WriterContext;

  beforeAll(async () => {
    scratch = await openScratchWriterContext('kept-files', new Date('2025-12-31T12:00:00Z'));
    context = scratch.context;
  });
  afterAll(() => scratch?.close());

  /** One gold_order_header file per day, holding `orders` orders of that day. */
  async function headers(days: Record<string, number>, fileName: string): Promise<ManifestFile[]> {
    const rows = Object.entries(days).flatMap(([day, orders]) =>
      Array.from({ length: orders }, (_, n) => `('${day}-o${n}', DATE '${day}')`),
    );
    return writePartitioned(context.duck, context.store, context.scratchDir, {
      table: 'gold_order_header',
      source: `SELECT order_id, 'b1' AS business_id, NULL AS location_id, local_date, NULL AS local_hour,
                      NULL AS placed_at, NULL AS customer_id, NULL AS customer_uuid,
                      NULL AS customer_text, NULL AS service_type, 'completed' AS status,
                      NULL AS payment_method, true AS counts_as_revenue, 100 AS order_revenue, 100 AS total,
                      0 AS tax, 0 AS tip, 0 AS refunded_amount, 1 AS total_qty, 1 AS total_items,
                      1 AS brands_in_order
               FROM (VALUES ${rows.join(', ')}) AS v(order_id, local_date)`,
      fileName,
    });
  }

  async function orderIds(): Promise<string[]> {
    const rows = await context.duck.rows<{ order_id: string }>(
      'SELECT order_id FROM order_header_all ORDER BY order_id',
    );
    return rows.map((row) => row.order_id);
  }

  it('keeps the files it holds, reads only the new ones and forgets the rest', async () => {
    const [monday, tuesday] = await headers({ '2025-12-29': 2, '2025-12-30': 1 }, 'v1.parquet');
    if (!monday || !tuesday) throw new Error('two files expected');
    await loadFilesKept(context, 'order_header_all', 'gold_order_header', [monday, tuesday]);
    expect(await orderIds()).toEqual(['2025-12-29-o0', '2025-12-29-o1', '2025-12-30-o0']);

    // Monday's file is gone from disk: it can only come from what the session kept.
    await unlink(await context.store.localPath(monday.key));
    const [wednesday] = await headers({ '2025-12-31': 1 }, 'v2.parquet');
    if (!wednesday) throw new Error('one file expected');
    await loadFilesKept(context, 'order_header_all', 'gold_order_header', [monday, wednesday]);
    expect(await orderIds()).toEqual(['2025-12-29-o0', '2025-12-29-o1', '2025-12-31-o0']);

    // Wednesday written again under the same key (a retried flush): its new rows, not the kept ones.
    const [rewritten] = await headers({ '2025-12-31': 3 }, 'v2.parquet');
    if (!rewritten) throw new Error('one file expected');
    expect(rewritten.key).toBe(wednesday.key);
    await loadFilesKept(context, 'order_header_all', 'gold_order_header', [monday, rewritten]);
    expect(await orderIds()).toEqual([
      '2025-12-29-o0',
      '2025-12-29-o1',
      '2025-12-31-o0',
      '2025-12-31-o1',
      '2025-12-31-o2',
    ]);

    await loadFilesKept(context, 'order_header_all', 'gold_order_header', []);
    expect(await orderIds()).toEqual([]);
  });
});
