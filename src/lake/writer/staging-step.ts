import type { ManifestEdit } from './manifest-edit.js';
import { writePartitioned } from './partitioned-write.js';
import { loadFiles, partitionsByBusiness, type WriterContext } from './writer-context.js';

/**
 * Files the batch's order events under their order's date (`order_events` staging), so one order's
 * whole history is rebuilt from one partition however late its events arrive.
 *
 * The order's date comes from its order.placed: in this batch, or remembered in `order_index`
 * (loaded from staging at start, then kept up to date). Events of an order whose order.placed has not
 * arrived yet (a foreign producer out of order) wait in the `pending` partition and move to their
 * partition in the batch that brings their order.placed.
 *
 * Leaves the work table `touched_orders (business_id, order_id, order_date)`: the placed orders this
 * batch brought events for, the only ones whose silver rows change. Returns their (business, order
 * date) partitions.
 */
export async function stageOrderEvents(
  context: WriterContext,
  edit: ManifestEdit,
  fileName: string,
  offsets: { first: string; last: string },
): Promise<Map<string, Set<string | null>>> {
  const { duck } = context;
  await duck.run(`
    INSERT INTO order_index
    SELECT business_id, order_id, min(occurred_at)::DATE FROM batch_events
    WHERE event_type = 'order.placed' AND order_id IS NOT NULL AND silver_problem IS NULL
      AND NOT EXISTS (SELECT 1 FROM order_index i WHERE i.order_id = batch_events.order_id)
    GROUP BY business_id, order_id
  `);

  // Pending events are re-examined only for businesses whose batch brought new orders.
  const placing = await duck.rows<{ business_id: string }>(
    `SELECT DISTINCT business_id FROM batch_events WHERE event_type = 'order.placed'`,
  );
  const pendingFiles = placing.flatMap(({ business_id }) =>
    edit.filesOf('order_events', business_id, new Set([null])),
  );
  await loadFiles(context, 'pending_old', 'order_events', pendingFiles);

  await duck.run(`
    CREATE OR REPLACE TABLE batch_staged AS
    SELECT e.log_offset, e.event_id, e.event_type, e.version, e.occurred_at, e.business_id, e.location_id,
           e.order_id, e.sequence, e.payload, i.order_date
    FROM (
      SELECT log_offset, event_id, event_type, version, occurred_at, business_id, location_id, order_id,
             sequence, payload FROM batch_events
      WHERE order_id IS NOT NULL AND silver_problem IS NULL
      UNION ALL
      SELECT log_offset, event_id, event_type, version, occurred_at, business_id, location_id, order_id,
             sequence, payload FROM pending_old
    ) AS e
    LEFT JOIN order_index i ON i.order_id = e.order_id AND i.business_id = e.business_id
  `);
  const written = await writePartitioned(context.duck, context.store, context.scratchDir, {
    table: 'order_events',
    source: 'SELECT * FROM batch_staged',
    fileName,
    offsets,
  });
  edit.remove(pendingFiles);
  edit.add(written);

  await duck.run(`
    CREATE OR REPLACE TABLE touched_orders AS
    SELECT DISTINCT business_id, order_id, order_date FROM batch_staged WHERE order_date IS NOT NULL
  `);
  const affected = await duck.rows<{ business_id: string; partition: string }>(
    `SELECT DISTINCT business_id, strftime(order_date, '%Y-%m-%d') AS partition FROM touched_orders`,
  );
  return partitionsByBusiness(affected);
}

/** Creates the order index and fills it from the staged order.placed events of the lake. */
export async function loadOrderIndex(context: WriterContext, edit: ManifestEdit): Promise<void> {
  const staged = edit.current().filter((file) => file.table === 'order_events' && file.partition !== null);
  await loadFiles(context, 'staged_all', 'order_events', staged);
  await context.duck.run(`
    CREATE OR REPLACE TABLE order_index AS
    SELECT business_id, order_id, min(order_date) AS order_date FROM staged_all
    WHERE event_type = 'order.placed' GROUP BY business_id, order_id
  `);
  await context.duck.run('DROP TABLE staged_all');
}
