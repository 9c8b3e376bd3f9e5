import { LAKE_TABLES, type LakeTableName } from './lake-tables.js';

/**
 * Where a table's files live in the store: `<layer>/<table>/business_id=<id>/<column>=<value>/<file>`
 * (Hive-style, so any engine can read the lake by directory). A partition value of null means
 * "not known yet" (staged events of an order whose order.placed has not arrived) and is spelled
 * `pending`.
 */
export function partitionDir(table: LakeTableName, businessId: string, partition: string | null): string {
  const spec = LAKE_TABLES[table];
  const base = `${spec.layer}/${spec.name}/business_id=${businessId}`;
  return spec.partition === 'none' ? base : `${base}/${spec.partition}=${partition ?? PENDING_PARTITION}`;
}

export const PENDING_PARTITION = 'pending';

/** Bus offsets as they appear in file names: stream ids (`1733-0`) and positions are both safe. */
export function offsetRange(first: string, last: string): string {
  return `${first}-${last}`.replace(/[^0-9A-Za-z_-]/g, '_');
}
