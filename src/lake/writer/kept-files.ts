import { sqlString } from '../duckdb/duck-session.js';
import type { LakeTableName } from '../lake-tables.js';
import type { ManifestFile } from '../manifest.js';
import { filesRelation, typedColumns } from '../table-sql.js';
import type { WriterContext } from './writer-context.js';

/**
 * Makes `name` a view of the rows of the given lake files, like loadFiles, but keeps them in the
 * writer's DuckDB session between flushes (work table `<name>_kept`): a flush reads only the files it
 * did not hold yet and forgets those it no longer needs. For inputs that are mostly the same from one
 * flush to the next — the order headers of the trailing counts' 365-day look-back, of which a live
 * flush changes only today's — this replaces reading a year's files per flush by reading one. Memory
 * stays what loading them every time would take: only the files of this call are kept.
 *
 * A file is known by its key, write time and size, not by its key alone: a flush that failed before
 * its commit may have written the key the next attempt writes again with other rows.
 */
export async function loadFilesKept(
  context: WriterContext,
  name: string,
  table: LakeTableName,
  files: readonly ManifestFile[],
): Promise<void> {
  const { duck } = context;
  const kept = `${name}_kept`;
  await duck.run(
    `CREATE TABLE IF NOT EXISTS ${kept} AS
     SELECT *, CAST(NULL AS VARCHAR) AS kept_file FROM (${filesRelation(table, [])})`,
  );
  const wanted = new Map(files.map((file) => [fileIdentity(file), file]));
  await duck.run(`CREATE OR REPLACE TABLE ${kept}_wanted (kept_file VARCHAR)`);
  if (wanted.size > 0) {
    await duck.run(
      `INSERT INTO ${kept}_wanted VALUES ${[...wanted.keys()].map((id) => `(${sqlString(id)})`).join(', ')}`,
    );
  }
  await duck.run(`DELETE FROM ${kept} WHERE kept_file NOT IN (SELECT kept_file FROM ${kept}_wanted)`);
  const held = new Set(
    (await duck.rows<{ kept_file: string }>(`SELECT DISTINCT kept_file FROM ${kept}`)).map(
      (row) => row.kept_file,
    ),
  );
  const missing = [...wanted].filter(([id]) => !held.has(id));
  if (missing.length > 0) {
    const paths = await Promise.all(missing.map(([, file]) => context.store.localPath(file.key)));
    const sources = missing.map(([id], index) => `(${sqlString(paths[index] as string)}, ${sqlString(id)})`);
    await duck.run(
      `INSERT INTO ${kept}
       SELECT r.* EXCLUDE (filename), s.kept_file
       FROM (SELECT ${typedColumns(table)}, filename
             FROM read_parquet([${paths.map(sqlString).join(', ')}], union_by_name = true, filename = true)) AS r
       JOIN (VALUES ${sources.join(', ')}) AS s(path, kept_file) ON s.path = r.filename`,
    );
  }
  await duck.run(`DROP TABLE ${kept}_wanted`);
  await duck.run(`CREATE OR REPLACE VIEW ${name} AS SELECT * EXCLUDE (kept_file) FROM ${kept}`);
}

export function fileIdentity(file: ManifestFile): string {
  return `${file.key}|${file.writtenAt}|${file.bytes}`;
}
