import { randomUUID } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
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
    await duck.run(
      `COPY (${typedSelect(write.table, write.source)}) TO ${sqlString(scratch)}
       (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (${columns.join(', ')}),
        WRITE_PARTITION_COLUMNS true)`,
    );
    const files: ManifestFile[] = [];
    for (const produced of await producedFiles(scratch)) {
      const businessId = hiveValue(produced.dirs[0]);
      const partition = spec.partition === 'none' ? null : nullable(hiveValue(produced.dirs[1]));
      const suffix = produced.index === 0 ? '' : `-${produced.index}`;
      const name = write.fileName.replace(/\.parquet$/, `${suffix}.parquet`);
      const key = `${partitionDir(write.table, businessId, partition)}/${name}`;
      const [counted] = await duck.rows<{ rows: string }>(
        `SELECT count(*) AS rows FROM read_parquet(${sqlString(produced.file)})`,
      );
      await store.putFile(key, produced.file);
      files.push({
        table: write.table,
        key,
        businessId,
        partition,
        rows: Number(counted?.rows ?? 0),
        bytes: (await stat(produced.file)).size,
        ...(write.offsets ? { firstOffset: write.offsets.first, lastOffset: write.offsets.last } : {}),
        writtenAt: new Date().toISOString(),
      });
    }
    return files;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

interface ProducedFile {
  file: string;
  dirs: string[];
  index: number;
}

/** The Parquet files DuckDB wrote, with the partition directories above each, in a stable order. */
async function producedFiles(root: string): Promise<ProducedFile[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  const byDir = new Map<string, string[]>();
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith('.parquet')) continue;
    const dir = path.relative(root, entry.parentPath);
    byDir.set(dir, [...(byDir.get(dir) ?? []), entry.name]);
  }
  const produced: ProducedFile[] = [];
  for (const [dir, names] of [...byDir].sort(([a], [b]) => a.localeCompare(b))) {
    names.sort().forEach((name, index) => {
      produced.push({ file: path.join(root, dir, name), dirs: dir.split(path.sep), index });
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
