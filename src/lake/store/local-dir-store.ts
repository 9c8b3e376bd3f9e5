import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, open, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { isCode, syncDirChain, syncFile } from './fsync.js';
import {
  assertLakeKey,
  assertLakePrefix,
  LakeFileMissingError,
  type LakeObject,
  type LakeStore,
} from './lake-store.js';

/**
 * The lake in a directory (default `DATA_DIR/lake`): a key is a file path under `root`.
 *
 * Every write goes to a temp file beside its target (same directory, so the same file system), is
 * fsynced, renamed over the key and the directory fsynced. rename(2) swaps the directory entry in one
 * step, so a reader opens either the old file or the new one, and a crash leaves at worst a temp file,
 * never a torn key. Temp files are dot-files, which no key can name (assertLakeKey), so `list` skips
 * them and a later `put` of the same key is unaffected.
 */
export class LocalDirStore implements LakeStore {
  readonly kind = 'local';

  constructor(readonly root: string) {}

  async put(key: string, bytes: Uint8Array): Promise<void> {
    await this.replace(key, async (temp) => {
      const handle = await open(temp, 'wx');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
    });
  }

  async putFile(key: string, file: string): Promise<void> {
    // A copy, not a rename: the caller keeps its file (the writer still reads its size), and the
    // source may live on another file system.
    await this.replace(key, async (temp) => {
      await copyFile(file, temp);
      await syncFile(temp);
    });
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if (isAbsent(error)) return null;
      throw error;
    }
  }

  async localPath(key: string): Promise<string> {
    const file = this.pathOf(key);
    const found = await stat(file).catch((error: unknown) => {
      if (isAbsent(error)) return null;
      throw error;
    });
    if (!found?.isFile()) throw new LakeFileMissingError(key);
    return file;
  }

  async list(prefix: string): Promise<LakeObject[]> {
    assertLakePrefix(prefix);
    // Walk only the deepest directory the prefix spells out in full; its tail may be part of a name.
    const base = prefix.slice(0, prefix.lastIndexOf('/') + 1);
    const objects: LakeObject[] = [];
    for (const key of await this.walk(base)) {
      if (!key.startsWith(prefix)) continue;
      const found = await stat(path.join(this.root, key)).catch((error: unknown) => {
        // Deleted between readdir and stat: it is simply not there any more.
        if (isAbsent(error)) return null;
        throw error;
      });
      if (found?.isFile()) objects.push({ key, size: found.size, modifiedAt: found.mtime });
    }
    // S3 orders keys by their UTF-8 bytes; for the ASCII keys the lake writes, that is this order.
    return objects.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string): Promise<void> {
    // Not fsynced: a delete undone by a power loss brings back a file no manifest lists, which is
    // invisible and removed again by the next compaction. Empty directories stay, because removing
    // one would race with a put creating a file in it.
    await unlink(this.pathOf(key)).catch((error: unknown) => {
      if (!isAbsent(error)) throw error;
    });
  }

  async close(): Promise<void> {}

  private pathOf(key: string): string {
    assertLakeKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  /** Writes the key's new content through `fill(temp)`, then renames it into place durably. */
  private async replace(key: string, fill: (temp: string) => Promise<void>): Promise<void> {
    const target = this.pathOf(key);
    const dir = path.dirname(target);
    const created = await mkdir(dir, { recursive: true });
    const temp = path.join(dir, `.${path.basename(target)}.${randomUUID()}.tmp`);
    try {
      await fill(temp);
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    await syncDirChain(dir, created);
  }

  /** Keys of every file below `base` (a `/`-ended key prefix or ''), skipping dot-files. */
  private async walk(base: string): Promise<string[]> {
    const entries = await readdir(path.join(this.root, base), { withFileTypes: true }).catch(
      (error: unknown) => {
        if (isAbsent(error)) return [];
        throw error;
      },
    );
    const keys: string[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const key = `${base}${entry.name}`;
      if (entry.isDirectory()) for (const below of await this.walk(`${key}/`)) keys.push(below);
      else if (entry.isFile()) keys.push(key);
    }
    return keys;
  }
}

/**
 * Nothing at that path: missing (ENOENT), a path through a file (ENOTDIR), or a directory where a key
 * was asked for (EISDIR: `bronze` is a prefix, not an object, just as in S3).
 */
function isAbsent(error: unknown): boolean {
  return isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR') || isCode(error, 'EISDIR');
}
