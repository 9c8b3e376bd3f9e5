/**
 * Where the lake's files live. Two adapters implement this contract — a directory under DATA_DIR
 * (the default) and any S3-compatible object store (`S3_*`) — and both pass the shared suite in
 * test/contract/lake-store-contract.ts.
 *
 * Keys are relative, `/`-separated paths (`bronze/events/business_id=…/event_date=…/part-….parquet`).
 * Data files are immutable: a key is written once (a replay may rewrite it with the same bytes) and
 * deleted only when no manifest refers to it. The manifest is the one object replaced in place, and
 * `put` replaces atomically: a reader sees the old bytes or the new ones, never a mix.
 *
 * A valid key (see assertLakeKey) is what both adapters can hold without translation: a path inside
 * the store's root directory and an S3 object name alike.
 */
export interface LakeStore {
  readonly kind: 'local' | 's3';
  /** Writes `bytes` under `key`, atomically and durably (fsync / a completed PUT) before resolving. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** Uploads the local file at `file` under `key`, with the same guarantees as `put`. */
  putFile(key: string, file: string): Promise<void>;
  /** The object's bytes, or null when there is none. */
  get(key: string): Promise<Uint8Array | null>;
  /**
   * A local file path holding the object, for DuckDB to read: the file itself (local store) or a
   * copy in the local cache (remote store; immutable objects are downloaded once and then served
   * from the cache, the manifest is downloaded afresh on every call).
   * Throws LakeFileMissingError when the object does not exist.
   */
  localPath(key: string): Promise<string>;
  /**
   * Objects whose key starts with `prefix` (a plain string prefix, as in S3: `bronze/ev` matches
   * `bronze/events/…`; `''` lists everything), with size and last-modified time, in key order.
   */
  list(prefix: string): Promise<LakeObject[]>;
  /** Removes the object; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}

export interface LakeObject {
  key: string;
  size: number;
  modifiedAt: Date;
}

/** Thrown by `localPath` for a key with no object: a manifest listing a file the store lacks. */
export class LakeFileMissingError extends Error {
  readonly code = 'LAKE_FILE_MISSING';
  constructor(readonly key: string) {
    super(`lake file ${key} does not exist`);
    this.name = 'LakeFileMissingError';
  }
}

/**
 * Rejects a key no adapter should hold: empty, absolute, with empty, `.` or `..` segments, a
 * backslash or NUL, or a segment starting with `.` (the local store's temp files are dot-files, so a
 * dot-key could collide with one and would be hidden from `list`). Keys come from our own code, so a
 * bad one is a bug: this throws a plain Error rather than returning a result.
 */
export function assertLakeKey(key: string): void {
  const bad =
    key === '' ||
    hasPathHazard(key) ||
    key.split('/').some((segment) => segment === '' || segment.startsWith('.'));
  if (bad) throw new Error(`invalid lake key ${JSON.stringify(key)}`);
}

/**
 * Rejects a `list` prefix that could reach outside the store: the rules of a key, except that it may
 * be empty, end with `/`, or end in part of a segment.
 */
export function assertLakePrefix(prefix: string): void {
  if (prefix === '') return;
  const segments = prefix.split('/');
  if (segments.at(-1) === '') segments.pop();
  const bad =
    hasPathHazard(prefix) ||
    segments.some((segment) => segment === '' || segment === '.' || segment === '..');
  if (bad) throw new Error(`invalid lake prefix ${JSON.stringify(prefix)}`);
}

/** A backslash is a separator on Windows, and a NUL ends a path for the OS: neither belongs in a key. */
function hasPathHazard(value: string): boolean {
  return value.includes('\\') || value.includes('\0');
}
