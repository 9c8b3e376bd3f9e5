import { monthOf } from '../lake-keys.js';
import { GOLD_VERSION } from '../lake-tables.js';
import { goldVersionOf, type Manifest } from '../manifest.js';
import { readManifest } from '../manifest-io.js';
import { rebuildGold } from '../writer/gold-step.js';
import { ManifestEdit } from '../writer/manifest-edit.js';
import { dueRollUps, rollUpMonth } from '../writer/month-rollup.js';
import { commitEdit } from '../writer/write-batch.js';
import { filesSource, type WriterContext } from '../writer/writer-context.js';

/**
 * Brings a lake whose gold was computed by older definitions (manifest goldVersion below
 * GOLD_VERSION) up to date: every gold partition is recomputed from silver, a month of local dates at
 * a time in date order (settled days rolled up), and committed in one manifest with the new version.
 * Readers see the old gold until then; the reports that need the new definitions answer
 * analytics_gold_upgrading.
 * Silver is not touched: a gold change needs no replay of bronze (`brigade lake rebuild` does that).
 * The lake writer calls this when it starts; on a current lake it reads the manifest and returns.
 */
export async function upgradeGold(context: WriterContext): Promise<Manifest> {
  const manifest = await readManifest(context.store);
  if (goldVersionOf(manifest) >= GOLD_VERSION) return manifest;
  const edit = new ManifestEdit(manifest);
  const orders = manifest.files.filter((file) => file.table === 'orders');
  const days = await context.duck.rows<{ business_id: string; local_date: string }>(
    `SELECT DISTINCT business_id, strftime(local_date, '%Y-%m-%d') AS local_date
     FROM (${await filesSource(context, 'orders', orders)}) WHERE local_date IS NOT NULL`,
  );
  const months = new Map<string, Map<string, Set<string>>>();
  for (const { business_id, local_date } of days) {
    const month = months.get(monthOf(local_date)) ?? new Map<string, Set<string>>();
    month.set(business_id, (month.get(business_id) ?? new Set()).add(local_date));
    months.set(monthOf(local_date), month);
  }
  const ordered = [...months].sort(([a], [b]) => a.localeCompare(b));
  for (const [, dates] of ordered) await rebuildGold(context, edit, dates);
  // Tables new to this lake were written as day files: roll their settled days up as compaction would.
  for (const month of dueRollUps(edit.current(), context.now().toISOString().slice(0, 10))) {
    await rollUpMonth(context, edit, month);
  }
  edit.goldVersion = GOLD_VERSION;
  return commitEdit(context, edit, manifest.cursor);
}
