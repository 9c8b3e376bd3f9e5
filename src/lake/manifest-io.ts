import { emptyManifest, MANIFEST_KEY, type Manifest } from './manifest.js';
import type { LakeStore } from './store/lake-store.js';

/** The lake's current manifest (an empty one for a new lake). */
export async function readManifest(store: LakeStore): Promise<Manifest> {
  return parseManifest(await store.get(MANIFEST_KEY));
}

/** A manifest from its stored bytes (null: the lake is new). */
export function parseManifest(bytes: Uint8Array | null): Manifest {
  if (bytes === null) return emptyManifest();
  const manifest = JSON.parse(Buffer.from(bytes).toString('utf8')) as Manifest;
  if (manifest.format !== 1) throw new Error(`unsupported lake manifest format ${String(manifest.format)}`);
  return manifest;
}

/**
 * Commits a manifest: the one atomic step that makes a batch's files (and its cursor) part of the
 * lake. Everything it lists must already be durable in the store.
 */
export async function commitManifest(store: LakeStore, manifest: Manifest): Promise<void> {
  await store.put(MANIFEST_KEY, Buffer.from(JSON.stringify(manifest)));
}
