import type { Config } from '../../config/config.js';
import { FileCache } from './file-cache.js';
import type { LakeStore } from './lake-store.js';
import { LocalDirStore } from './local-dir-store.js';
import { S3Store } from './s3-store.js';

/**
 * The cache of each directory, shared by every S3 store this process opens on it. `brigade start`
 * opens the lake twice from one config (the API's analytics and the `lake` worker), and a FileCache
 * must be alone on its directory: a second one empties `.incoming/` under the first one's downloads
 * when it indexes, and evicts files the first has just handed to DuckDB.
 */
const caches = new Map<string, FileCache>();

/**
 * The configured lake store: the S3 bucket when `S3_*` is set, else the directory `lake.dir`.
 * Synchronous: nothing is touched until the first call (the S3 cache indexes its directory then).
 * Pass `analytics` where queries read through the store, so cached files stay pinned for as long as
 * a query may run (a cache directory already open in this process keeps the settings it opened with).
 */
export function openLakeStore(config: Pick<Config, 'lake'> & Partial<Pick<Config, 'analytics'>>): LakeStore {
  const { s3, dir, cacheDir, cacheBytes } = config.lake;
  if (s3 === undefined) return new LocalDirStore(dir);
  let cache = caches.get(cacheDir);
  if (cache === undefined) {
    const pinMs = Math.max(60_000, config.analytics?.sqlTimeoutMs ?? 0);
    cache = new FileCache({ dir: cacheDir, maxBytes: cacheBytes, pinMs });
    caches.set(cacheDir, cache);
  }
  return new S3Store(s3, cache);
}
