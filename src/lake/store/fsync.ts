import { open } from 'node:fs/promises';
import path from 'node:path';

/**
 * Flushes a file's bytes to the disk. Before a rename makes a file visible under its final name, its
 * bytes must be durable: otherwise a power loss can persist the rename but not the data, leaving a
 * short or empty file under a name everyone trusts.
 */
export async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Flushes a directory's entries (a rename or a new file in it), which is what makes the rename
 * itself survive a power loss.
 */
export async function syncDir(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(dir, 'r');
  } catch (error) {
    // Windows cannot open a directory as a file; NTFS journals renames, so there is nothing to do.
    if (isCode(error, 'EISDIR') || isCode(error, 'EPERM')) return;
    throw error;
  }
  try {
    await handle.sync();
  } catch (error) {
    // Some file systems (and platforms) reject fsync on a directory; their renames are as durable as
    // they get without it.
    if (!isCode(error, 'EINVAL') && !isCode(error, 'EPERM')) throw error;
  } finally {
    await handle.close();
  }
}

/**
 * Syncs `dir` after a rename into it, and, when `mkdir -p` created directories on the way
 * (`created`: the topmost one it made), every directory that gained an entry: from `dir` up to the
 * parent of `created`. So a new partition directory survives a power loss along with its file.
 */
export async function syncDirChain(dir: string, created: string | undefined): Promise<void> {
  const top = created === undefined ? dir : path.dirname(created);
  for (let current = dir; ; current = path.dirname(current)) {
    await syncDir(current);
    if (current === top || path.dirname(current) === current) return;
  }
}

/** Whether `error` is a Node system error with this `code` (ENOENT and friends). */
export function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
