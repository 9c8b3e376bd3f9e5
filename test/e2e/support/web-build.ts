import { execFile } from 'node:child_process';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const WEB_DIST = path.join(REPO_ROOT, 'dist', 'web');
const WEB_SOURCE = path.join(REPO_ROOT, 'web');
const LOCK = path.join(REPO_ROOT, 'dist', '.web-build.lock');
const LOCK_STALE_MS = 120_000;

/**
 * Builds the web app when dist/web is missing or older than any file under web/, so a suite run on its
 * own (`npx vitest run test/e2e/...`) tests the current code. `npm test` builds it before Vitest starts;
 * then this only compares times. Suites in parallel workers build once, under a lock directory.
 */
export async function ensureWebBuild(): Promise<void> {
  if (await isFresh()) return;
  await mkdir(path.dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch {
      const since = await stat(LOCK).then(
        (info) => Date.now() - info.mtimeMs,
        () => 0,
      );
      if (since > LOCK_STALE_MS) await rm(LOCK, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    if (await isFresh()) return;
    await promisify(execFile)(
      process.execPath,
      [
        path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js'),
        'build',
        '--config',
        'web/vite.config.ts',
        '--logLevel',
        'warn',
      ],
      // Vitest sets NODE_ENV=test, which would give a development build.
      { cwd: REPO_ROOT, env: { ...process.env, NODE_ENV: 'production' } },
    );
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}

async function isFresh(): Promise<boolean> {
  const built = await stat(path.join(WEB_DIST, 'index.html')).catch(() => null);
  if (!built) return false;
  return (await newestMtime(WEB_SOURCE)) <= built.mtimeMs;
}

async function newestMtime(directory: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(directory, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, (await stat(path.join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}
