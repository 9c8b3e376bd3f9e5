import type { DuckDBConnection, DuckDBResultReader } from '@duckdb/node-api';
import { AppError } from '../../errors/app-error.js';
import { sqlFailure } from './sql-errors.js';
import { refusalOf } from './sql-guard.js';
import { parseOneSelect } from './sql-parse.js';
import type { ViewFiles } from './sql-sandbox.js';
import { type SandboxOptions, SqlSandbox } from './sql-sandbox.js';

export interface SqlAnswer {
  columns: { name: string; type: string }[];
  rows: unknown[][];
  row_count: number;
  truncated: boolean;
  elapsed_ms: number;
}

export interface ConsoleRun {
  sql: string;
  /** Rows returned at most; one more is read to know whether there were more. */
  maxRows: number;
  timeoutMs: number;
  /** The tenant's views: table name → local files. */
  views: ViewFiles;
  /** Local path → lake key, to keep paths out of error messages. */
  paths: ReadonlyMap<string, string>;
  sandbox: SandboxOptions;
  /** A connection to parse with (any DuckDB: parsing touches no data). */
  parser: DuckDBConnection;
}

/**
 * Runs one ad-hoc query for one tenant: DuckDB parses it and the tree is checked (one SELECT over the
 * tenant's views, no table functions, no denied functions); then it runs in a fresh locked sandbox,
 * interrupted after the time limit, with the row limit applied as `LIMIT max + 1` around it.
 */
export async function runConsoleSql(run: ConsoleRun): Promise<SqlAnswer> {
  const views = new Set([...run.views.keys()].map((name) => name.toLowerCase()));
  const refusal = refusalOf(await parseOneSelect(run.parser, run.sql), views);
  if (refusal) throw new AppError('sql_not_allowed', refusal);
  const { text, head } = await limitedText(run, views);

  const sandbox = await SqlSandbox.open(run.views, run.sandbox);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    sandbox.connection.interrupt();
  }, run.timeoutMs);
  const started = performance.now();
  try {
    const reader = await sandbox.connection.runAndReadUntil(text, run.maxRows + 1);
    return answer(reader, run.maxRows, performance.now() - started);
  } catch (error) {
    throw sqlFailure(error, { timedOut, paths: run.paths, wrapperHead: head });
  } finally {
    clearTimeout(timer);
    sandbox.close();
  }
}

/**
 * The query wrapped in `SELECT * FROM (…) LIMIT max + 1`, so DuckDB stops early. The wrapped text is
 * parsed and checked again (it is what runs). A query the wrapper cannot hold (a trailing comment
 * after a semicolon) runs as written, and reading stops after max + 1 rows all the same.
 */
async function limitedText(
  run: ConsoleRun,
  views: ReadonlySet<string>,
): Promise<{ text: string; head: string }> {
  const body = run.sql.replace(/[\s;]+$/, '');
  // The query starts on the wrapper's first line, so DuckDB's "LINE n" in an error is the line of the
  // query as written (the closing parenthesis gets its own line: the query may end with a comment);
  // the head before it is taken out of error messages again (sqlFailure).
  const wrapped = `${WRAPPER_HEAD}${body}\n) AS brigade_sql LIMIT ${run.maxRows + 1}`;
  try {
    if (refusalOf(await parseOneSelect(run.parser, wrapped), views) === null)
      return { text: wrapped, head: WRAPPER_HEAD };
  } catch {
    // Not wrappable: fall through to the checked original.
  }
  return { text: run.sql, head: '' };
}

const WRAPPER_HEAD = 'SELECT * FROM (';

function answer(reader: DuckDBResultReader, maxRows: number, elapsed: number): SqlAnswer {
  const names = reader.columnNames();
  const types = reader.columnTypes();
  const all = reader.getRowsJson() as unknown[][];
  const rows = all.slice(0, maxRows);
  return {
    columns: names.map((name, index) => ({ name, type: String(types[index]) })),
    rows,
    row_count: rows.length,
    truncated: all.length > maxRows,
    elapsed_ms: Math.round(elapsed),
  };
}
