export interface ReportCacheOptions {
  /** How long an entry is served (ms); 0 turns the cache off, Infinity keeps it until evicted. */
  ttlMs: number;
  /** Entries kept at most; the least recently used goes first. */
  maxEntries: number;
  clock?: () => number;
}

/**
 * In-process cache of report answers. Keys name the exact lake files a report read (files are
 * immutable; a rewritten partition gets new keys), so a commit that changes a partition makes new
 * keys and the stale entry is simply never asked for again: invalidation needs no bookkeeping, and
 * the TTL bounds how long anything that depends on the clock lives. Concurrent misses on one key share
 * one computation.
 */
export class ReportCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();
  private readonly running = new Map<string, Promise<V>>();
  private readonly clock: () => number;
  hits = 0;
  misses = 0;

  constructor(private readonly options: ReportCacheOptions) {
    this.clock = options.clock ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The cached value and `true`, or the computed one and `false`. Failures are not cached. */
  async getOrCompute(key: string, compute: () => Promise<V>): Promise<{ value: V; cached: boolean }> {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > this.clock()) {
      // Re-inserting keeps Map order = least recently used first.
      this.entries.delete(key);
      this.entries.set(key, entry);
      this.hits += 1;
      return { value: entry.value, cached: true };
    }
    if (entry) this.entries.delete(key);
    this.misses += 1;
    let pending = this.running.get(key);
    if (!pending) {
      pending = compute().finally(() => this.running.delete(key));
      this.running.set(key, pending);
    }
    const value = await pending;
    if (this.options.ttlMs > 0) this.store(key, value);
    return { value, cached: false };
  }

  clear(): void {
    this.entries.clear();
  }

  private store(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.clock() + this.options.ttlMs });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }
}
