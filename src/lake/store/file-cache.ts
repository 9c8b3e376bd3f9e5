import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { isCode, syncFile } from './fsync.js';
import { assertLakeKey } from './lake-store.js';

export interface FileCacheOptions {
  /** The cache directory (default `DATA_DIR/lake-cache`); the cache owns everything in it. */
  dir: string;
  /** Byte budget: above it, least recently used files are evicted. */
  maxBytes: number;
  /** A file handed out this recently is never evicted (default 60 s; see FileCache). */
  pinMs?: number;
  /** Milliseconds since the epoch; tests pass their own clock. */
  now?: () => number;
}

/** Writes the whole object to `file` and resolves once the file is closed. */
export type Download = (file: string) => Promise<void>;

interface Entry {
  bytes: number;
  /** When the file was last handed out (or, for files found at startup, last modified). */
  usedAt: number;
}

/**
 * A directory of downloaded objects with a byte budget, evicting the least recently used.
 *
 * Downloads land in `.incoming/` and are fsynced, then renamed into place: a cached file is complete
 * or absent, even after a crash or power loss, so a file found at startup can be trusted and indexed
 * as is (and `.incoming/` is emptied). Concurrent requests for one key share one download.
 *
 * Eviction and readers: a path is handed out to DuckDB, which opens the file a moment later. Once it
 * is open, unlinking it is harmless (POSIX keeps the bytes until the last descriptor closes); before,
 * the query would fail. So a file handed out within the last `pinMs` is never evicted: set at least
 * as long as a query may run (openLakeStore uses the SQL timeout, 60 s at least), it covers a query
 * from its first file to its last without tracking readers.
 * The price is that the budget is soft: when every file is pinned the cache stays over budget until
 * the pins expire and the next insert evicts.
 *
 * One process per directory: the index, the pins and the budget live in memory, so two processes
 * sharing a directory would evict each other's files and clear each other's downloads. Roles run as
 * separate processes on one host each need their own BRIGADE_LAKE_CACHE_DIR.
 */
export class FileCache {
  /** Key → entry, in least-recently-used-first order (a use re-inserts the key at the end). */
  private readonly entries = new Map<string, Entry>();
  private readonly downloads = new Map<string, Promise<string>>();
  /** Unlinks in progress: a new copy of the key waits for them so it is not unlinked by mistake. */
  private readonly removals = new Map<string, Promise<void>>();
  private bytes = 0;
  private readonly pinMs: number;
  private readonly now: () => number;
  private indexed: Promise<void> | undefined;

  /** A cache on `options.dir`; it indexes the directory on first use (or in `open`). */
  constructor(private readonly options: FileCacheOptions) {
    this.pinMs = options.pinMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** A cache with the files a previous run left already indexed. */
  static async open(options: FileCacheOptions): Promise<FileCache> {
    const cache = new FileCache(options);
    await cache.ready();
    return cache;
  }

  /** Bytes of the files the cache holds (0 until it has indexed its directory). */
  get usedBytes(): number {
    return this.bytes;
  }

  /** The cached keys, least recently used first. */
  keys(): string[] {
    return [...this.entries.keys()];
  }

  /**
   * A local path of `key`'s file, downloading it only when not cached. For immutable objects: a
   * cached copy is served without asking the origin again.
   */
  async cached(key: string, download: Download): Promise<string> {
    assertLakeKey(key);
    await this.ready();
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      // Marked used before the await, so a concurrent eviction passes it over.
      const file = this.use(key, entry);
      if (await exists(file)) return file;
      // Someone cleared the directory by hand: a miss after all.
      if (this.entries.get(key) === entry) this.forget(key);
    }
    const running = this.downloads.get(key);
    if (running !== undefined) return running;
    const started = this.install(key, download).finally(() => this.downloads.delete(key));
    this.downloads.set(key, started);
    return started;
  }

  /**
   * Downloads `key` afresh and returns its path, for an object replaced in place (the manifest).
   * Never joins a download already running: that one may have started before the latest write.
   */
  async refreshed(key: string, download: Download): Promise<string> {
    assertLakeKey(key);
    await this.ready();
    return this.install(key, download);
  }

  /** Drops `key`'s file (its object was deleted). A reader that already opened it keeps reading. */
  async remove(key: string): Promise<void> {
    assertLakeKey(key);
    await this.ready();
    if (this.forget(key)) await this.unlinkLater(key);
  }

  /** Indexes the directory once: files from earlier runs count against the budget like new ones. */
  private ready(): Promise<void> {
    this.indexed ??= this.index().catch((error: unknown) => {
      // Let the next call try again rather than remember a transient failure for good.
      this.indexed = undefined;
      throw error;
    });
    return this.indexed;
  }

  private async index(): Promise<void> {
    await rm(this.incomingDir, { recursive: true, force: true });
    await mkdir(this.incomingDir, { recursive: true });
    const found: { key: string; bytes: number; usedAt: number }[] = [];
    for (const key of await filesBelow(this.options.dir, '')) {
      const info = await stat(this.pathOf(key));
      found.push({ key, bytes: info.size, usedAt: info.mtimeMs });
    }
    // Last-use times are not kept across restarts; download time is the best guess of recency.
    found.sort((a, b) => a.usedAt - b.usedAt);
    for (const { key, bytes, usedAt } of found) {
      this.entries.set(key, { bytes, usedAt });
      this.bytes += bytes;
    }
    await this.evict(undefined);
  }

  private async install(key: string, download: Download): Promise<string> {
    const temp = path.join(this.incomingDir, randomUUID());
    try {
      await download(temp);
      await syncFile(temp);
      const { size } = await stat(temp);
      const target = this.pathOf(key);
      await mkdir(path.dirname(target), { recursive: true });
      await this.removals.get(key);
      await rename(temp, target);
      // Not fsyncing the directory: losing a rename to a power loss only costs a download again.
      this.forget(key);
      const entry = { bytes: size, usedAt: this.now() };
      this.entries.set(key, entry);
      this.bytes += size;
      await this.evict(key);
      return this.use(key, entry);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  private use(key: string, entry: Entry): string {
    entry.usedAt = this.now();
    this.entries.delete(key);
    this.entries.set(key, entry);
    return this.pathOf(key);
  }

  /**
   * Evicts least recently used, unpinned files until the cache is within budget; never `keep`, the
   * file about to be handed out (even when it alone exceeds the budget).
   */
  private async evict(keep: string | undefined): Promise<void> {
    const pinnedSince = this.now() - this.pinMs;
    const victims: string[] = [];
    for (const [key, entry] of this.entries) {
      if (this.bytes <= this.options.maxBytes) break;
      if (key === keep || entry.usedAt > pinnedSince) continue;
      // Out of the index before the unlink starts, so no one is handed a file about to vanish.
      this.forget(key);
      victims.push(key);
    }
    await Promise.all(victims.map((key) => this.unlinkLater(key)));
  }

  private forget(key: string): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
    return true;
  }

  /**
   * Unlinks a file already dropped from the index. Never rejects: a file that cannot be removed
   * (permissions changed under us) only costs disk space, and is indexed again at the next start.
   */
  private async unlinkLater(key: string): Promise<void> {
    const removal = unlink(this.pathOf(key))
      .catch(() => {})
      .finally(() => {
        if (this.removals.get(key) === removal) this.removals.delete(key);
      });
    this.removals.set(key, removal);
    await removal;
  }

  private pathOf(key: string): string {
    return path.join(this.options.dir, ...key.split('/'));
  }

  private get incomingDir(): string {
    return path.join(this.options.dir, '.incoming');
  }
}

/** Relative `/`-separated paths of the files below `base`, skipping dot-entries (`.incoming`). */
async function filesBelow(root: string, base: string): Promise<string[]> {
  const entries = await readdir(path.join(root, base), { withFileTypes: true }).catch((error: unknown) => {
    if (isCode(error, 'ENOENT')) return [];
    throw error;
  });
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const relative = `${base}${entry.name}`;
    if (entry.isDirectory()) for (const below of await filesBelow(root, `${relative}/`)) files.push(below);
    else if (entry.isFile()) files.push(relative);
  }
  return files;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    (error: unknown) => {
      if (isCode(error, 'ENOENT')) return false;
      throw error;
    },
  );
}
