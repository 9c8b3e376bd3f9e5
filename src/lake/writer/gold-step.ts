import { affectedPeriods } from '../gold/affected-periods.js';
import { GOLD_DAY_SQL, GOLD_METRICS_SQL } from '../gold/gold-sql.js';
import { GOLD_DAY_TABLES, SILVER_ORDER_TABLES } from '../lake-tables.js';
import type { ManifestEdit } from './manifest-edit.js';
import { writePartitioned } from './partitioned-write.js';
import { loadDimensions } from './silver-step.js';
import { loadFiles, type WriterContext } from './writer-context.js';

const DAY_MS = 86_400_000;

/**
 * Recomputes the gold partitions (local dates) of one business from silver, exactly: every figure
 * of a day is computed again from all of that day's orders, so late data of any age lands in the
 * right day and nothing is counted twice. Then the metrics of every day, week and month those dates
 * touch (churn looks back 90 days, so a late order reaches that far forward).
 */
export async function rebuildGold(
  context: WriterContext,
  edit: ManifestEdit,
  businessId: string,
  localDates: ReadonlySet<string>,
): Promise<void> {
  if (localDates.size === 0) return;
  const { duck } = context;
  const dates = [...localDates].sort();
  // A local day spans UTC dates one either side (time zones are within ±14 h of UTC).
  const first = shiftDate(dates[0] as string, -1);
  const last = shiftDate(dates[dates.length - 1] as string, 1);
  const silverPartitions = new Set(
    edit
      .filesOf('orders', businessId)
      .map((file) => file.partition)
      .filter((partition) => partition !== null && partition >= first && partition <= last),
  );
  for (const table of SILVER_ORDER_TABLES) {
    await loadFiles(context, `silver_${table}`, table, edit.filesOf(table, businessId, silverPartitions));
  }
  await loadDimensions(context, edit, [businessId]);
  await duck.run(`CREATE OR REPLACE TEMP TABLE target_dates (local_date DATE)`);
  await duck.run(
    `INSERT INTO target_dates VALUES ${dates.map((date) => `(${dateLiteral(date)})`).join(', ')}`,
  );

  const targets = new Map([[businessId, new Set<string | null>(dates)]]);
  const fileName = `v${edit.version}.parquet`;
  for (const table of GOLD_DAY_TABLES) {
    const written = await writePartitioned(duck, context.store, context.scratchDir, {
      table,
      source: GOLD_DAY_SQL[table],
      fileName,
    });
    edit.replacePartitions(table, targets, written);
  }
  await rebuildMetrics(context, edit, businessId, dates);
}

async function rebuildMetrics(
  context: WriterContext,
  edit: ManifestEdit,
  businessId: string,
  dates: readonly string[],
): Promise<void> {
  const { duck } = context;
  const today = context.now().toISOString().slice(0, 10);
  const periods = affectedPeriods([...dates], 90, today);
  if (periods.length === 0) return;
  await loadFiles(
    context,
    'order_header_all',
    'gold_order_header',
    edit.filesOf('gold_order_header', businessId),
  );
  await duck.run(
    `CREATE OR REPLACE TEMP TABLE target_periods (grain VARCHAR, period_start DATE, period_end DATE)`,
  );
  const values = periods.map(
    (period) => `('${period.grain}', ${dateLiteral(period.period_start)}, ${dateLiteral(period.period_end)})`,
  );
  await duck.run(`INSERT INTO target_periods VALUES ${values.join(', ')}`);

  // A month partition holds every period starting in it: keep the periods not recomputed.
  const months = new Set<string | null>(periods.map((period) => period.period_start.slice(0, 7)));
  const previous = edit.filesOf('gold_metrics', businessId, months);
  await loadFiles(context, 'metrics_previous', 'gold_metrics', previous);
  const written = await writePartitioned(duck, context.store, context.scratchDir, {
    table: 'gold_metrics',
    source: `SELECT * FROM (${GOLD_METRICS_SQL})
             UNION ALL BY NAME
             SELECT * FROM metrics_previous AS p
             WHERE NOT EXISTS (SELECT 1 FROM target_periods t
                               WHERE t.grain = p.grain AND t.period_start = p.period_start)`,
    fileName: `v${edit.version}.parquet`,
  });
  edit.replacePartitions('gold_metrics', new Map([[businessId, months]]), written);
}

/** A date as a SQL literal; the date comes from our own rows, and is checked to be one. */
function dateLiteral(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`not a date: ${date}`);
  return `DATE '${date}'`;
}

function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
