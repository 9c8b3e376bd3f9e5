import type { SqlAnswer, SqlColumn } from './sql-types.js';

/** DuckDB's numeric types (signed and unsigned integers, floats, decimals), as the API names them. */
const NUMERIC = /^(U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)|FLOAT|DOUBLE|REAL|DECIMAL(\(\d+,\s*\d+\))?)$/i;
/** DATE and every TIMESTAMP flavour (with time zone, _S, _MS, _NS). */
const TEMPORAL = /^(DATE|TIMESTAMP(_S|_MS|_NS)?( WITH TIME ZONE)?|TIMESTAMPTZ)$/i;

export const isNumericType = (type: string): boolean => NUMERIC.test(type.trim());
export const isTemporalType = (type: string): boolean => TEMPORAL.test(type.trim());

/** How a result cell reads in the table: NULL spelled out, lists and structs as JSON. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A numeric cell as a number (BIGINT and DECIMAL arrive as text), or null when it is not one. */
export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

/**
 * A DATE or TIMESTAMP as seconds since the epoch. Values without a zone are read as UTC wall clock, so
 * the chart's axis shows them as the query returned them.
 */
export function toEpochSeconds(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  let iso = value.trim().replace(' ', 'T');
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) iso += 'T00:00:00';
  if (!/(Z|[+-]\d{2}(:?\d{2})?)$/.test(iso)) iso += 'Z';
  else iso = iso.replace(/([+-]\d{2})$/, '$1:00');
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms / 1000;
}

export type XKind = 'number' | 'time' | 'category';

export interface ChartData {
  kind: XKind;
  /** x positions, ascending: the values themselves, or the row's rank for a category axis. */
  xs: number[];
  ys: (number | null)[];
  /** The category names by position (category axis only). */
  labels: string[];
  /** A DATE x: ticks at its own days, never at hours between them. */
  wholeDays: boolean;
}

/** The columns a quick chart can draw as its y: numeric ones. */
export function numericColumns(columns: readonly SqlColumn[]): number[] {
  return columns.flatMap((column, index) => (isNumericType(column.type) ? [index] : []));
}

/**
 * The points of a quick chart of column `y` against column `x`. Numeric and temporal x are sorted
 * (uPlot needs ascending x) and rows whose x cannot be read are left out; any other x is a category
 * axis in the rows' own order.
 */
export function chartData(answer: Pick<SqlAnswer, 'columns' | 'rows'>, x: number, y: number): ChartData {
  const type = answer.columns[x]?.type ?? '';
  const kind: XKind = isNumericType(type) ? 'number' : isTemporalType(type) ? 'time' : 'category';
  if (kind === 'category') {
    return {
      kind,
      xs: answer.rows.map((_row, index) => index),
      ys: answer.rows.map((row) => toNumber(row[y])),
      labels: answer.rows.map((row) => cellText(row[x])),
      wholeDays: false,
    };
  }
  const read = kind === 'number' ? toNumber : toEpochSeconds;
  const points = answer.rows
    .map((row) => ({ x: read(row[x]), y: toNumber(row[y]) }))
    .filter((point): point is { x: number; y: number | null } => point.x !== null)
    .sort((a, b) => a.x - b.x);
  return {
    kind,
    xs: points.map((point) => point.x),
    ys: points.map((point) => point.y),
    labels: [],
    wholeDays: /^DATE$/i.test(type.trim()),
  };
}
