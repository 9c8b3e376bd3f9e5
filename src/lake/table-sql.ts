import { sqlString } from './duckdb/duck-session.js';
import { LAKE_TABLES, type LakeTableName } from './lake-tables.js';

/**
 * SQL that gives lake tables their declared shape. Writing through `typedSelect` is how the schema
 * is enforced: whatever a transform produces is cast to the table's columns, in the table's order,
 * and a column the transform forgot is an error at once, not a silently missing field.
 */
export function typedSelect(table: LakeTableName, source: string): string {
  return `SELECT ${typedColumns(table)} FROM (${source}) AS typed_source`;
}

/** The table's columns, each cast to its declared type, in the table's order: a SELECT list. */
export function typedColumns(table: LakeTableName): string {
  return Object.entries(LAKE_TABLES[table].columns)
    .map(([name, type]) => `CAST("${name}" AS ${type}) AS "${name}"`)
    .join(', ');
}

/**
 * A relation over the given Parquet files with the table's columns, or an empty relation of the same
 * shape when there are none (DuckDB cannot read an empty file list).
 */
export function filesRelation(table: LakeTableName, paths: readonly string[]): string {
  if (paths.length === 0) {
    const columns = Object.entries(LAKE_TABLES[table].columns)
      .map(([name, type]) => `CAST(NULL AS ${type}) AS "${name}"`)
      .join(', ');
    return `SELECT ${columns} WHERE false`;
  }
  const list = paths.map(sqlString).join(', ');
  return typedSelect(table, `SELECT * FROM read_parquet([${list}], union_by_name = true)`);
}
