import { GOLD_VERSION, type LakeTableName } from './lake-tables.js';

/**
 * The lake's table of contents, one JSON object (`_manifest.json`) replaced atomically on every
 * commit. A file is part of the lake exactly when the manifest lists it: the writer uploads data files
 * first and commits the manifest after, so a crash in between leaves only unlisted files (invisible,
 * removed by `lake compact`), and a reader that took one manifest sees one consistent lake.
 *
 * `cursor` is the bus offset of the last event the lake holds: the writer's durable offset. It commits
 * in the same write as the files holding those events, so no event is lost or written twice.
 */
export interface Manifest {
  format: 1;
  /** Grows by one with every commit. */
  version: number;
  /** Offset of the last bus message in the lake (null: none yet). Opaque: compare with the bus. */
  cursor: string | null;
  committedAt: string;
  /**
   * The version of the gold definitions (lake-tables.ts GOLD_VERSION) every gold partition was
   * computed with; absent in lakes written before it existed, which means 1. The writer brings an
   * older lake up to date when it starts (maintenance/upgrade-gold.ts).
   */
  goldVersion?: number;
  files: ManifestFile[];
}

export interface ManifestFile {
  table: LakeTableName;
  /** The store key, e.g. `silver/orders/business_id=…/order_date=2026-12-04/v42.parquet`. */
  key: string;
  businessId: string;
  /** The partition value below business_id: a date, a month (`YYYY-MM`), `pending`, or null. */
  partition: string | null;
  rows: number;
  bytes: number;
  /** Bus offsets the file holds (bronze and staging files). */
  firstOffset?: string;
  lastOffset?: string;
  /**
   * A month roll-up of a gold day table (writer/month-rollup.ts): the last local date it holds; the
   * month's later days are in day files. Absent on roll-ups written before it existed: the whole month.
   */
  through?: string;
  writtenAt: string;
}

export const MANIFEST_KEY = '_manifest.json';

export function emptyManifest(): Manifest {
  return {
    format: 1,
    version: 0,
    cursor: null,
    committedAt: new Date(0).toISOString(),
    goldVersion: GOLD_VERSION,
    files: [],
  };
}

/** The gold version a manifest records (1 when it predates the field). */
export function goldVersionOf(manifest: Manifest): number {
  return manifest.goldVersion ?? 1;
}
