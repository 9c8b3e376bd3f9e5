import type { Config } from '../../config/config.js';
import { FileCache } from './file-cache.js';
import type { LakeStore } from './lake-store.js';
import { LocalDirStore } from './local-dir-store.js';
import { S3Store } from './s3-store.js';

/**
 * The configured lake store: the S3 bucket when `S3_*` is set, else the directory `lake.dir`.
 * Synchronous: nothing is touched until the first call (the S3 cache indexes its directory then).
 * Pass `analytics` where queries read through the store, so cached files stay pinned for as long as
 * a query may run.
 */
export function openLakeStore(config: Pick<Config, 'lake'> & Partial<Pick<Config, 'analytics'>>): LakeStore {
  const { s3, dir, cacheDir, cacheBytes } = config.lake;
  if (s3 === undefined) return new LocalDirStore(dir);
  const pinMs = Math.max(60_000, config.analytics?.sqlTimeoutMs ?? 0);
  return new S3Store(s3, new FileCache({ dir: cacheDir, maxBytes: cacheBytes, pinMs }));
}
