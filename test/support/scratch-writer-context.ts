import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckSession } from '../../src/lake/duckdb/duck-session.js';
import { LocalDirStore } from '../../src/lake/store/local-dir-store.js';
import type { WriterContext } from '../../src/lake/writer/writer-context.js';

/**
 * A lake writer's context over a fresh temporary directory (lake and scratch), with its own DuckDB
 * session and a fixed clock, for tests that drive writer steps by hand. `close` removes it all.
 */
export async function openScratchWriterContext(
  name: string,
  now: Date,
): Promise<{ context: WriterContext; close(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), `brigade-${name}-`));
  await mkdir(path.join(dir, 'scratch'));
  const context: WriterContext = {
    duck: await DuckSession.open(),
    store: new LocalDirStore(path.join(dir, 'lake')),
    scratchDir: path.join(dir, 'scratch'),
    lateHorizonDays: 0,
    now: () => now,
  };
  return {
    context,
    async close() {
      context.duck.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
