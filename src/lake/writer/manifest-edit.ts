import type { LakeTableName } from '../lake-tables.js';
import { goldVersionOf, type Manifest, type ManifestFile } from '../manifest.js';

/**
 * The next manifest, built up while a batch is written: files replaced in a partition come out,
 * new files go in. Nothing is visible to readers until the writer commits `next()`.
 */
export class ManifestEdit {
  private files: ManifestFile[];
  /** The version this edit commits as; new files are named after it. */
  readonly version: number;
  readonly baseVersion: number;
  /** The gold version the edit commits: the base's, unless every gold partition was recomputed. */
  goldVersion: number;

  constructor(private readonly base: Manifest) {
    this.files = [...base.files];
    this.version = base.version + 1;
    this.baseVersion = base.version;
    this.goldVersion = goldVersionOf(base);
  }

  /** The files currently in the edit (the base plus what was added, minus what was removed). */
  current(): readonly ManifestFile[] {
    return this.files;
  }

  filesOf(table: LakeTableName, businessId: string, partitions?: ReadonlySet<string | null>): ManifestFile[] {
    return this.files.filter(
      (file) =>
        file.table === table &&
        file.businessId === businessId &&
        (partitions === undefined || partitions.has(file.partition)),
    );
  }

  /** Adds files; a file with the same key (a replayed batch) replaces the old entry. */
  add(files: readonly ManifestFile[]): void {
    const keys = new Set(files.map((file) => file.key));
    this.files = [...this.files.filter((file) => !keys.has(file.key)), ...files];
  }

  remove(files: readonly ManifestFile[]): void {
    const keys = new Set(files.map((file) => file.key));
    this.files = this.files.filter((file) => !keys.has(file.key));
  }

  /** Replaces every file of the given partitions of a table by `files`. */
  replacePartitions(
    table: LakeTableName,
    partitions: ReadonlyMap<string, ReadonlySet<string | null>>,
    files: readonly ManifestFile[],
  ): void {
    for (const [businessId, values] of partitions) this.remove(this.filesOf(table, businessId, values));
    this.add(files);
  }

  next(cursor: string | null, now: Date): Manifest {
    return {
      format: 1,
      version: this.version,
      cursor: cursor ?? this.base.cursor,
      committedAt: now.toISOString(),
      goldVersion: this.goldVersion,
      files: this.files,
    };
  }
}
