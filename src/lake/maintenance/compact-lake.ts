import type { LakeTableName } from '../lake-tables.js';
import type { ManifestFile } from '../manifest.js';
import { readManifest } from '../manifest-io.js';
import { ManifestEdit } from '../writer/manifest-edit.js';
import { dueRollUps, rollUpMonth } from '../writer/month-rollup.js';
import { writePartitioned } from '../writer/partitioned-write.js';
import { commitEdit } from '../writer/write-batch.js';
import { loadFiles, type WriterContext } from '../writer/writer-context.js';

/** The append-only tables, where every flush adds a small file per partition. */
const APPENDED_TABLES: readonly LakeTableName[] = ['events', 'quarantine', 'order_events'];

export interface CompactionResult {
  partitions: number;
  filesBefore: number;
  filesAfter: number;
}

/**
 * Merges the small files of each partition of the append-only tables into one file, and rolls each
 * month's settled days of the gold day tables up into one file (writer/month-rollup.ts); commits the swap in
 * one manifest: a reader sees the old files or the new ones, never both and never neither. Silver
 * needs none of this: each rebuild replaces its partition's single file.
 */
export async function compactLake(
  context: WriterContext,
  options: { minFiles?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<CompactionResult> {
  const minFiles = options.minFiles ?? 2;
  const manifest = await readManifest(context.store);
  const edit = new ManifestEdit(manifest);
  const groups = new Map<string, ManifestFile[]>();
  for (const file of manifest.files) {
    if (!APPENDED_TABLES.includes(file.table)) continue;
    const group = `${file.table}\u0000${file.businessId}\u0000${file.partition ?? ''}`;
    groups.set(group, [...(groups.get(group) ?? []), file]);
  }
  const crowded = [...groups.values()].filter((files) => files.length >= minFiles);
  const months = dueRollUps(manifest.files, context.now().toISOString().slice(0, 10));
  const total = crowded.length + months.length;
  let filesBefore = 0;
  let filesAfter = 0;
  for (const [index, files] of crowded.entries()) {
    const first = files[0] as ManifestFile;
    await loadFiles(context, 'compacting', first.table, files);
    const merged = await writePartitioned(context.duck, context.store, context.scratchDir, {
      table: first.table,
      source: 'SELECT * FROM compacting',
      fileName: `merged-v${edit.version}.parquet`,
      ...offsetSpan(files),
    });
    edit.remove(files);
    edit.add(merged);
    filesBefore += files.length;
    filesAfter += merged.length;
    options.onProgress?.(index + 1, total);
  }
  await context.duck.run('DROP TABLE IF EXISTS compacting');
  for (const [index, month] of months.entries()) {
    const counts = await rollUpMonth(context, edit, month);
    filesBefore += counts.filesBefore;
    filesAfter += counts.filesAfter;
    options.onProgress?.(crowded.length + index + 1, total);
  }
  if (total > 0) await commitEdit(context, edit, manifest.cursor);
  return { partitions: total, filesBefore, filesAfter };
}

/** The offsets a merged file holds, when its parts recorded them. */
function offsetSpan(files: readonly ManifestFile[]): { offsets?: { first: string; last: string } } {
  const first = files[0]?.firstOffset;
  const last = files[files.length - 1]?.lastOffset;
  return first !== undefined && last !== undefined ? { offsets: { first, last } } : {};
}
