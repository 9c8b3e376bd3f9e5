import type { ManifestFile } from '../lake/manifest.js';
import type { LakeStore } from '../lake/store/lake-store.js';

/** Downloads at once at most (a remote store copies files into its local cache). */
const CONCURRENCY = 16;

/** Local paths DuckDB can read for the given lake files, in the same order. */
export async function localPaths(store: LakeStore, files: readonly ManifestFile[]): Promise<string[]> {
  const paths: string[] = new Array(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const index = next++;
      const file = files[index];
      if (file) paths[index] = await store.localPath(file.key);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, files.length) }, worker));
  return paths;
}
