import type { LakeTableName } from '../lake/lake-tables.js';
import { MANIFEST_KEY, type Manifest, type ManifestFile } from '../lake/manifest.js';
import { parseManifest } from '../lake/manifest-io.js';
import type { LakeStore } from '../lake/store/lake-store.js';
import { type DateRange, partitionMatches } from './partition-range.js';

/**
 * One committed manifest, indexed by business and table. It is the only way the query service finds
 * files, and it hands out a business's files only: that is where tenant isolation starts.
 */
export class LakeView {
  private readonly index = new Map<string, Map<LakeTableName, ManifestFile[]>>();

  constructor(readonly manifest: Manifest) {
    for (const file of manifest.files) {
      // A listed file outside its business's directory would be a writer bug; never serve it.
      if (!file.key.includes(`/business_id=${file.businessId}/`)) continue;
      let tables = this.index.get(file.businessId);
      if (!tables) {
        tables = new Map();
        this.index.set(file.businessId, tables);
      }
      const list = tables.get(file.table);
      if (list) list.push(file);
      else tables.set(file.table, [file]);
    }
    for (const tables of this.index.values()) {
      for (const list of tables.values()) list.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    }
  }

  /** The files of `table` for `businessId` whose partitions can hold rows of `range`, in key order. */
  files(businessId: string, table: LakeTableName, range: DateRange = {}): ManifestFile[] {
    const files = this.index.get(businessId)?.get(table) ?? [];
    return files.filter((file) => partitionMatches(table, range, file.partition, file.through));
  }
}

export interface LakeSnapshotOptions {
  /** The manifest is looked at again at most this often (ms); 250 by default. */
  pollMs?: number;
  /** Milliseconds clock, for tests. */
  clock?: () => number;
}

/**
 * The lake as this process last saw it. The manifest is the one object replaced in place; it is
 * fetched again when a caller needs it and `pollMs` have passed (so a burst of requests costs one
 * read), and parsed again only when its bytes changed. Nothing here is shared between replicas: each
 * reads the same store, which is what keeps the query service stateless.
 */
export class LakeSnapshot {
  private view: LakeView | undefined;
  private bytes: Uint8Array | undefined;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private pending: Promise<LakeView> | undefined;
  private readonly pollMs: number;
  private readonly clock: () => number;

  constructor(
    private readonly store: LakeStore,
    options: LakeSnapshotOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 250;
    this.clock = options.clock ?? Date.now;
  }

  /** The current view, re-reading the manifest if the last look is older than `pollMs`. */
  async current(): Promise<LakeView> {
    if (this.view && this.clock() - this.checkedAt < this.pollMs) return this.view;
    return this.refresh();
  }

  /** Reads the manifest now (concurrent callers share one read). */
  refresh(): Promise<LakeView> {
    this.pending ??= this.read().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async read(): Promise<LakeView> {
    const startedAt = this.clock();
    const bytes = await this.store.get(MANIFEST_KEY);
    const current = bytes ?? new Uint8Array();
    if (!this.view || !this.bytes || !Buffer.from(this.bytes).equals(Buffer.from(current))) {
      this.view = new LakeView(parseManifest(bytes));
      this.bytes = current;
    }
    this.checkedAt = startedAt;
    return this.view;
  }
}
