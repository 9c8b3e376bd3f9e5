import { MANIFEST_KEY } from '../manifest.js';
import { readManifest } from '../manifest-io.js';
import type { LakeStore } from '../store/lake-store.js';

const LAYERS = ['bronze/', 'staging/', 'silver/', 'gold/', 'quarantine/'];

/**
 * Deletes the files no manifest refers to any more (replaced partitions, merged small files, files of
 * a batch that crashed before its commit) once they are older than `graceMs`: a reader that took an
 * older manifest a moment ago may still be reading them.
 */
export async function vacuumLake(
  store: LakeStore,
  options: { graceMs: number; now?: Date },
): Promise<{ deleted: number; bytes: number }> {
  const manifest = await readManifest(store);
  const listed = new Set(manifest.files.map((file) => file.key));
  const cutoff = (options.now ?? new Date()).getTime() - options.graceMs;
  let deleted = 0;
  let bytes = 0;
  for (const layer of LAYERS) {
    for (const object of await store.list(layer)) {
      if (object.key === MANIFEST_KEY || listed.has(object.key)) continue;
      if (object.modifiedAt.getTime() > cutoff) continue;
      await store.delete(object.key);
      deleted += 1;
      bytes += object.size;
    }
  }
  return { deleted, bytes };
}
