import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { type DuckSession, sqlString } from '../duckdb/duck-session.js';
import { partitionDir } from '../lake-keys.js';
import { LAKE_TABLES, type LakeTableName } from '../lake-tables.js';
import type { ManifestFile } from '../manifest.js';
import type { LakeStore } from '../store/lake-store.js';
import { typedSelect } from '../table-sql.js';

export interface PartitionedWrite {
  table: LakeTableName;
  /** Rows to write: any query producing the table's columns (cast to its types on the way). */
  source: string;
  /** The file name inside each partition directory, e.g. `part-100-180.parquet` or `v42.parquet`. */
  fileName: string;
  /** Bus offsets held (bronze and staging files). */
  offsets?: { first: string; last: string };
}

/**
 * Writes rows into their Hive partitions (business_id, then the table's partition column) in one
 * DuckDB pass, then uploads each partition's file under `partitionDir/fileName`. Returns one manifest
 * entry per file written; partitions without rows get no file.
 *
 * DuckDB names its own output files (`data_0.parquet`); the key we upload to is ours, so a replayed
 * batch lands on the same key and a rebuilt partition gets a new one.
 */
export async function writePartitioned(
  duck: DuckSession,
  store: LakeStore,
  scratchRoot: string,
  write: PartitionedWrite,
): Promise<ManifestFile[]> {
  const spec = LAKE_TABLES[write.table];
  const columns = spec.partition === 'none' ? ['business_id'] : ['business_id', spec.partition];
  const scratch = path.join(scratchRoot, randomUUID());
  try {
    // RETURN_STATS: DuckDB reports each file it wrote with its row count and size, so nothing is
    // read back or listed to learn them.
    const stats = await duck.rows<CopiedFile>(
      `COPY (${typedSelect(write.table, write.source)}) TO ${sqlString(scratch)}
       (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (${columns.join(', ')}),
        WRITE_PARTITION_COLUMNS true, RETURN_STATS true)`,
    );
    const writtenAt = new Date().toISOString();
    const files = producedFiles(scratch, stats).map((produced): ManifestFile & { source: string } => {
      const businessId = hiveValue(produced.dirs[0]);
      const partition = spec.partition === 'none' ? null : nullable(hiveValue(produced.dirs[1]));
      const suffix = produced.index === 0 ? '' : `-${produced.index}`;
      const name = write.fileName.replace(/\.parquet$/, `${suffix}.parquet`);
      return {
        table: write.table,
        key: `${partitionDir(write.table, businessId, partition)}/${name}`,
        businessId,
        partition,
        rows: Number(produced.stats.count),
        bytes: Number(produced.stats.file_size_bytes),
        ...(write.offsets ? { firstOffset: write.offsets.first, lastOffset: write.offsets.last } : {}),
        writtenAt,
        source: produced.file,
      };
    });
    // Uploaded a few at a time: each put waits on its own fsyncs (or HTTP round trip), which
    // overlap well; none is visible before the manifest lists it, so their order does not matter.
    for (let next = 0; next < files.length; next += UPLOAD_CONCURRENCY) {
      await Promise.all(
        files.slice(next, next + UPLOAD_CONCURRENCY).map((file) => store.putFile(file.key, file.source)),
      );
    }
    return files.map(({ source: _source, ...file }) => file);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Writes rows into one file of one partition (a month roll-up, month-rollup.ts) and uploads it
 * under `partitionDir/fileName`. Returns its manifest entry, or null when there are no rows.
 */
export async function writeOnePartition(
  duck: DuckSession,
  store: LakeStore,
  scratchRoot: string,
  write: PartitionedWrite & { businessId: string; partition: string },
): Promise<ManifestFile | null> {
  const scratch = path.join(scratchRoot, `${randomUUID()}.parquet`);
  try {
    const [stats] = await duck.rows<CopiedFile>(
      `COPY (${typedSelect(write.table, write.source)}) TO ${sqlString(scratch)}
       (FORMAT parquet, COMPRESSION zstd, RETURN_STATS true)`,
    );
    if (!stats || Number(stats.count) === 0) return null;
    const key = `${partitionDir(write.table, write.businessId, write.partition)}/${write.fileName}`;
    await store.putFile(key, scratch);
    return {
      table: write.table,
      key,
      businessId: write.businessId,
      partition: write.partition,
      rows: Number(stats.count),
      bytes: Number(stats.file_size_bytes),
      writtenAt: new Date().toISOString(),
    };
  } finally {
    await rm(scratch, { force: true });
  }
}

/** Files uploaded at once by one partitioned write. */
const UPLOAD_CONCURRENCY = 8;

/** One row of COPY … RETURN_STATS (DuckDB's BIGINTs arrive as text). */
interface CopiedFile {
  filename: string;
  count: string;
  file_size_bytes: string;
}

interface ProducedFile {
  file: string;
  dirs: string[];
  index: number;
  stats: CopiedFile;
}

/** The Parquet files DuckDB wrote, with the partition directories above each, in a stable order. */
function producedFiles(root: string, stats: readonly CopiedFile[]): ProducedFile[] {
  const byDir = new Map<string, CopiedFile[]>();
  for (const file of stats) {
    const dir = path.relative(root, path.dirname(file.filename));
    byDir.set(dir, [...(byDir.get(dir) ?? []), file]);
  }
  const produced: ProducedFile[] = [];
  for (const [dir, files] of [...byDir].sort(([a], [b]) => a.localeCompare(b))) {
    files
      .sort((a, b) => a.filename.localeCompare(b.filename))
      .forEach((file, index) => {
        produced.push({ file: file.filename, dirs: dir.split(path.sep), index, stats: file });
      });
  }
  return produced;
}

function hiveValue(dir: string | undefined): string {
  const value = dir?.slice(dir.indexOf('=') + 1);
  if (!value) throw new Error(`unexpected partition directory ${dir}`);
  return decodeURIComponent(value);
}

/** DuckDB spells a NULL partition value `NULL`: the staging partition of orders not placed yet. */
function nullable(value: string): string | null {
  return value === 'NULL' ? null : value;
}
