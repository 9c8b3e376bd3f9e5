import type { EventBus } from '../../bus/event-bus.js';
import { LAKE_TABLES, type LakeTableName } from '../lake-tables.js';
import { goldVersionOf, type Manifest } from '../manifest.js';

export interface TableStatus {
  table: LakeTableName;
  layer: string;
  partitions: number;
  files: number;
  rows: number;
  bytes: number;
}

export interface LakeStatus {
  version: number;
  committedAt: string;
  cursor: string | null;
  /** The gold definitions the lake's gold was computed with (lake-tables.ts GOLD_VERSION is current). */
  goldVersion: number;
  /** Bus messages after the cursor, counted up to `lagLimit` (then "at least"); null without a bus. */
  lag: number | null;
  lagAtLeast: boolean;
  pendingOrderEvents: number;
  tables: TableStatus[];
}

/** What the lake holds, per table, and how far behind the bus it is. */
export async function lakeStatus(
  manifest: Manifest,
  bus: EventBus | null,
  lagLimit = 100_000,
): Promise<LakeStatus> {
  const tables = new Map<LakeTableName, TableStatus & { partitionSet: Set<string> }>();
  for (const table of Object.keys(LAKE_TABLES) as LakeTableName[]) {
    tables.set(table, {
      table,
      layer: LAKE_TABLES[table].layer,
      partitions: 0,
      files: 0,
      rows: 0,
      bytes: 0,
      partitionSet: new Set(),
    });
  }
  let pendingOrderEvents = 0;
  for (const file of manifest.files) {
    const status = tables.get(file.table);
    if (!status) continue;
    status.files += 1;
    status.rows += file.rows;
    status.bytes += file.bytes;
    status.partitionSet.add(`${file.businessId}/${file.partition ?? ''}`);
    if (file.table === 'order_events' && file.partition === null) pendingOrderEvents += file.rows;
  }
  let lag = 0;
  let cursor = manifest.cursor ?? '0';
  while (bus && lag < lagLimit) {
    const batch = await bus.tail(cursor, { max: Math.min(10_000, lagLimit - lag), blockMs: 0 });
    if (batch.messages.length === 0) break;
    lag += batch.messages.length;
    cursor = batch.cursor;
  }
  return {
    version: manifest.version,
    committedAt: manifest.committedAt,
    cursor: manifest.cursor,
    goldVersion: goldVersionOf(manifest),
    lag: bus ? lag : null,
    lagAtLeast: lag >= lagLimit,
    pendingOrderEvents,
    tables: [...tables.values()].map(({ partitionSet, ...status }) => ({
      ...status,
      partitions: partitionSet.size,
    })),
  };
}
