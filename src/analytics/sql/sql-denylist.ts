/**
 * Functions ad-hoc SQL may not call, whatever the position (table functions are refused anyway, as
 * any table function in FROM is). They read files, URLs or other databases, reveal settings, paths,
 * the environment or the engine's catalog, execute SQL given as text, or sleep. The sandbox would
 * stop the file readers again (sql-sandbox.ts); this list is the first wall and gives a clear reason.
 */
const DENIED = new Set([
  'getenv',
  'current_setting',
  'getvariable',
  'current_query',
  'glob',
  'sniff_csv',
  'query',
  'query_table',
  'read_text',
  'read_blob',
  'json_serialize_sql',
  'json_deserialize_sql',
  'json_serialize_plan',
  'json_execute_serialized_sql',
  'write_log',
  'parse_duckdb_log_message',
  'sleep_ms',
  'pg_sleep',
  'checkpoint',
  'force_checkpoint',
  'which_secret',
  'enable_logging',
  'disable_logging',
  'truncate_duckdb_logs',
  'enable_profiling',
  'disable_profiling',
  'sql_auto_complete',
  'summary',
  'seq_scan',
  'repeat_row',
]);

const DENIED_PREFIXES = [
  'read_',
  'parquet_',
  'duckdb_',
  'pragma_',
  'iceberg_',
  'delta_',
  'sqlite_',
  'postgres_',
  'mysql_',
  'ducklake_',
  'test_',
  'arrow_',
];
const DENIED_SUFFIXES = ['_scan', '_metadata'];

/** Why `name` (any case) may not be called, or null when it may. */
export function deniedFunction(name: string): string | null {
  const lower = name.toLowerCase();
  if (
    DENIED.has(lower) ||
    DENIED_PREFIXES.some((prefix) => lower.startsWith(prefix)) ||
    DENIED_SUFFIXES.some((suffix) => lower.endsWith(suffix))
  ) {
    return `function ${lower}() is not allowed`;
  }
  return null;
}
