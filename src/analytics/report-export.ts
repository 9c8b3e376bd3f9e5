import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { sqlString } from '../lake/duckdb/duck-session.js';
import type { ReportTable } from './report.js';
import type { ReportEngine } from './report-engine.js';

export const EXPORT_FORMATS = ['csv', 'parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
};

/**
 * Writes a report's table as CSV or Parquet with DuckDB: the rows go to a scratch NDJSON file, DuckDB
 * reads them with the table's declared column types and COPYs them out, and the caller streams the
 * file, which is deleted (with its directory) once the stream closes.
 */
export async function exportTable(
  engine: ReportEngine,
  table: ReportTable,
  format: ExportFormat,
): Promise<Readable> {
  const dir = path.join(engine.scratchDir, `export-${randomUUID()}`);
  await mkdir(dir, { recursive: true });
  try {
    const rowsFile = path.join(dir, 'rows.json');
    const names = table.columns.map((column) => column.name);
    await writeFile(
      rowsFile,
      table.rows
        .map((row) => JSON.stringify(Object.fromEntries(names.map((name) => [name, row[name] ?? null]))))
        .join('\n'),
    );
    for (const name of names) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad export column name ${name}`);
    }
    const columns = table.columns.map((column) => `${sqlString(column.name)}: '${column.type}'`).join(', ');
    const output = path.join(dir, `export.${format}`);
    const options = format === 'csv' ? 'FORMAT csv, HEADER true' : 'FORMAT parquet, COMPRESSION zstd';
    const selected = table.columns.map(({ name, type }) =>
      format === 'csv' && type === 'DOUBLE' ? `${wholeAsInteger(`"${name}"`)} AS "${name}"` : `"${name}"`,
    );
    const connection = await engine.connect();
    try {
      await connection.run(
        `COPY (SELECT ${selected.join(', ')}
                 FROM read_json(${sqlString(rowsFile)}, format = 'newline_delimited', columns = {${columns}}))
         TO ${sqlString(output)} (${options})`,
      );
    } finally {
      connection.closeSync();
    }
    const stream = createReadStream(output);
    stream.on('close', () => void rm(dir, { recursive: true, force: true }).catch(() => undefined));
    return stream;
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * A DOUBLE column as CSV text without the ".0" DuckDB writes after a whole number: a column mixing
 * money and counts with rates (the dashboard's KPIs) reads 16550229, not 16550229.0. Parquet keeps the
 * type.
 */
function wholeAsInteger(column: string): string {
  return `CASE WHEN ${column} = trunc(${column}) AND abs(${column}) < 9007199254740992
            THEN CAST(CAST(${column} AS BIGINT) AS VARCHAR) ELSE CAST(${column} AS VARCHAR) END`;
}
