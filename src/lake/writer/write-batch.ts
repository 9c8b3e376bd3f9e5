import { offsetRange } from '../lake-keys.js';
import type { Manifest } from '../manifest.js';
import { commitManifest, readManifest } from '../manifest-io.js';
import { type BusMessage, loadBatch } from './batch-intake.js';
import { rebuildGold } from './gold-step.js';
import type { ManifestEdit } from './manifest-edit.js';
import { writePartitioned } from './partitioned-write.js';
import { rebuildSilver, updateSnapshots } from './silver-step.js';
import { stageOrderEvents } from './staging-step.js';
import { eachConcurrently, type WriterContext } from './writer-context.js';

export class ManifestConflictError extends Error {
  readonly code = 'LAKE_MANIFEST_CONFLICT';
  constructor(expected: number, found: number) {
    super(
      `the lake manifest moved from version ${expected} to ${found} under this writer: is another lake writer running?`,
    );
  }
}

export interface BatchOptions {
  /** Write the messages to bronze and quarantine (false when rebuilding from bronze itself). */
  raw: boolean;
  /**
   * How the names of the batch's offset-range files begin (default `part`). A rebuild names its own:
   * its batches, read back from bronze, can span the very offset range of a file the committed
   * manifest lists, which must not be overwritten.
   */
  fileStem?: string;
}

/**
 * Takes one batch of bus messages through the lake into `edit`: bronze and quarantine files,
 * dimension snapshots, staged order events, then the silver partitions and gold days they touch.
 * Nothing is visible until the edit is committed (`commitEdit`). Files are named by the batch's
 * offset range or the manifest version, so a batch written again after a crash lands on the same keys.
 */
export async function writeBatch(
  context: WriterContext,
  edit: ManifestEdit,
  messages: readonly BusMessage[],
  options: BatchOptions = { raw: true },
): Promise<void> {
  const first = messages[0]?.id;
  const last = messages[messages.length - 1]?.id;
  if (first === undefined || last === undefined) return;
  const offsets = { first, last };
  const fileName = `${options.fileStem ?? 'part'}-${offsetRange(first, last)}.parquet`;

  await loadBatch(context.duck, messages, { lateHorizonDays: context.lateHorizonDays, now: context.now() });
  if (options.raw) {
    const raw = [
      ['events', 'SELECT * FROM batch_events'],
      [
        'quarantine',
        `SELECT * REPLACE (coalesce(business_id, 'unknown') AS business_id) FROM batch_quarantine`,
      ],
    ] as const;
    const written = await eachConcurrently(context, raw, (lane, [table, source]) =>
      writePartitioned(lane.duck, lane.store, lane.scratchDir, { table, source, fileName, offsets }),
    );
    for (const files of written) edit.add(files);
  }
  await updateSnapshots(context, edit);
  const partitions = await stageOrderEvents(context, edit, fileName, offsets);
  if (partitions.size === 0) return;
  const localDates = await rebuildSilver(context, edit, partitions);
  await rebuildGold(context, edit, localDates);
}

/**
 * Commits the edit: the one atomic step that makes its files, and the cursor, part of the lake.
 * Refuses when the manifest is no longer the one the edit started from (another writer committed).
 */
export async function commitEdit(
  context: Pick<WriterContext, 'store' | 'now'>,
  edit: ManifestEdit,
  cursor: string | null,
): Promise<Manifest> {
  const committed = await readManifest(context.store);
  if (committed.version !== edit.baseVersion)
    throw new ManifestConflictError(edit.baseVersion, committed.version);
  const next = edit.next(cursor, context.now());
  await commitManifest(context.store, next);
  return next;
}
