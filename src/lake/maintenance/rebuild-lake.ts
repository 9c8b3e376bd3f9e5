import { GOLD_VERSION } from '../lake-tables.js';
import type { Manifest, ManifestFile } from '../manifest.js';
import { readManifest } from '../manifest-io.js';
import type { BusMessage } from '../writer/batch-intake.js';
import { ManifestEdit } from '../writer/manifest-edit.js';
import { loadOrderIndex } from '../writer/staging-step.js';
import { commitEdit, writeBatch } from '../writer/write-batch.js';
import { loadFiles, type WriterContext } from '../writer/writer-context.js';

/** Tables a rebuild keeps: the raw record it rebuilds from. */
const KEPT_TABLES = new Set(['events', 'quarantine']);

/** How batch-intake.ts words the quarantine reason of an event that arrived past the late-data horizon. */
const ARRIVED_LATE = 'older than the late-data horizon%';

export interface Progress {
  done: number;
  total: number;
}

/**
 * Rebuilds staging, dimensions, silver and gold from bronze, as if every event arrived again: the
 * fix after a transform changed or a file was lost. Bronze is read a few days at a time in date
 * order; the result is committed in one manifest at the end, so readers see the old lake until the
 * new one is complete. Stop the lake writer first (its next commit would conflict otherwise).
 *
 * Lateness is not judged again: an event was late or on time when it arrived, and the writer's verdict
 * is in quarantine. Judged against today instead, every event now older than the horizon would drop
 * out of silver and gold, recorded nowhere (a rebuild writes no quarantine): all of them, once the
 * horizon has passed.
 */
export async function rebuildLake(
  context: WriterContext,
  options: { chunkEvents?: number; onProgress?: (progress: Progress) => void } = {},
): Promise<Manifest> {
  const manifest = await readManifest(context.store);
  const edit = new ManifestEdit({
    ...manifest,
    files: manifest.files.filter((file) => KEPT_TABLES.has(file.table)),
  });
  await loadOrderIndex(context, edit);
  await loadFiles(
    context,
    'quarantined',
    'quarantine',
    manifest.files.filter((file) => file.table === 'quarantine'),
  );
  await context.duck.run(`
    CREATE OR REPLACE TABLE arrived_late AS
    SELECT log_offset, event_id FROM quarantined WHERE reason LIKE '${ARRIVED_LATE}'
  `);
  await context.duck.run('DROP TABLE quarantined');
  const replay: WriterContext = { ...context, lateHorizonDays: 0 };
  const bronze = manifest.files
    .filter((file) => file.table === 'events')
    .sort((a, b) => (a.partition ?? '').localeCompare(b.partition ?? ''));
  const total = bronze.reduce((sum, file) => sum + file.rows, 0);
  let done = 0;
  for (const chunk of chunked(bronze, options.chunkEvents ?? 500_000)) {
    await writeBatch(replay, edit, await bronzeMessages(context, chunk), {
      raw: false,
      // Staging files named after this rebuild's version: never a key the committed manifest lists.
      fileStem: `rebuild-v${edit.version}`,
    });
    done += chunk.reduce((sum, file) => sum + file.rows, 0);
    options.onProgress?.({ done, total });
  }
  await context.duck.run('DROP TABLE arrived_late');
  // Every gold partition was computed again, by the current definitions.
  edit.goldVersion = GOLD_VERSION;
  return commitEdit(context, edit, manifest.cursor);
}

/**
 * The events of some bronze files as bus messages again (envelope JSON, offset as id), but those the
 * writer quarantined as late when they arrived (`arrived_late`).
 */
async function bronzeMessages(context: WriterContext, files: readonly ManifestFile[]): Promise<BusMessage[]> {
  await loadFiles(context, 'bronze_chunk', 'events', files);
  const rows = await context.duck.rows<{ id: string; body: string }>(`
    SELECT log_offset AS id,
           json_object('event_id', event_id, 'event_type', event_type, 'version', version,
                       'occurred_at', strftime(occurred_at, '%Y-%m-%dT%H:%M:%S.%gZ'),
                       'business_id', business_id, 'location_id', location_id, 'order_id', order_id,
                       'sequence', sequence, 'payload', payload)::VARCHAR AS body
    FROM bronze_chunk AS b
    WHERE NOT EXISTS (SELECT 1 FROM arrived_late AS l WHERE l.log_offset = b.log_offset AND l.event_id = b.event_id)
    ORDER BY occurred_at, log_offset
  `);
  await context.duck.run('DROP TABLE bronze_chunk');
  return rows;
}

/** Consecutive files grouped so each group holds about `events` rows (at least one file). */
function* chunked(files: readonly ManifestFile[], events: number): Generator<ManifestFile[]> {
  let chunk: ManifestFile[] = [];
  let rows = 0;
  for (const file of files) {
    chunk.push(file);
    rows += file.rows;
    if (rows >= events) {
      yield chunk;
      chunk = [];
      rows = 0;
    }
  }
  if (chunk.length > 0) yield chunk;
}
