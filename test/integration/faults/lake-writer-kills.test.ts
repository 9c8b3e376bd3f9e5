import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedBus } from '../../../src/bus/embedded-bus.js';
import { DuckSession, sqlString } from '../../../src/lake/duckdb/duck-session.js';
import { readManifest } from '../../../src/lake/manifest-io.js';
import { LocalDirStore } from '../../../src/lake/store/local-dir-store.js';
import { relayOnce } from '../../../src/outbox/outbox-relay.js';
import { appendEvents } from '../../../src/outbox/outbox-writer.js';
import type { Database } from '../../../src/storage/database.js';
import { migrate } from '../../../src/storage/migrator.js';
import { openPostgres } from '../../../src/storage/postgres-database.js';
import { createScratchDatabase, isPostgresReachable } from '../../support/databases.js';

const MAIN = path.resolve('src/cli/main.ts');

/**
 * `kill -9` of the lake writer process at random moments while events keep arriving: after every
 * kill it resumes from the committed manifest, and in the end bronze holds every published event
 * exactly once. Runs `brigade worker lake` for real (it needs PostgreSQL; the bus is the embedded log).
 */
describe.runIf(await isPostgresReachable())('lake writer killed at random points', () => {
  let scratch: { url: string; drop: () => Promise<void> };
  let db: Database;
  let dir: string;
  const children = new Set<ChildProcessWithoutNullStreams>();

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    db = openPostgres({ connectionString: scratch.url, maxConnections: 5 });
    await migrate(db);
    dir = await mkdtemp(path.join(tmpdir(), 'brigade-lake-kills-'));
  }, 60_000);

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await db?.close();
    await scratch?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  const businessId = randomUUID();
  let published = 0;
  const publish = async (count: number) => {
    await db.transaction((tx) =>
      appendEvents(
        tx,
        Array.from({ length: count }, (_, index) => ({
          type: 'business.changed' as const,
          businessId,
          payload: { action: 'updated' as const, data: { index } },
        })),
      ),
    );
    const bus = new EmbeddedBus(db);
    while ((await relayOnce(db, bus, 1000)).published > 0) {}
    await bus.close();
    published += count;
  };

  const startWriter = async (): Promise<ChildProcessWithoutNullStreams> => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'worker', 'lake'], {
      env: {
        ...process.env,
        DATABASE_URL: scratch.url,
        REDIS_URL: '',
        DATA_DIR: dir,
        BRIGADE_LAKE_FLUSH_EVENTS: '150',
        BRIGADE_LAKE_FLUSH_MS: '50',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'error',
      },
    });
    children.add(child);
    child.on('exit', () => children.delete(child));
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`lake worker did not start: ${output}`)), 30_000);
      const collect = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('running')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
    });
    return child;
  };
  const kill = (child: ChildProcessWithoutNullStreams) =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });

  it('holds every event once in bronze after eight kills', async () => {
    const store = new LocalDirStore(path.join(dir, 'lake'));
    await publish(1500);
    for (let round = 0; round < 8; round++) {
      const child = await startWriter();
      await publish(200);
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.floor(Math.random() * 900)));
      await kill(child);
    }
    const child = await startWriter();
    const head = String((await new EmbeddedBus(db).newest())?.id);
    for (let waited = 0; (await readManifest(store)).cursor !== head; waited += 100) {
      if (waited > 60_000) throw new Error('the lake writer did not catch up');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await kill(child);

    const manifest = await readManifest(store);
    const paths = await Promise.all(
      manifest.files.filter((file) => file.table === 'events').map((file) => store.localPath(file.key)),
    );
    const duck = await DuckSession.open();
    const [counted] = await duck.rows<{ rows: string; ids: string }>(
      `SELECT count(*) AS rows, count(DISTINCT event_id) AS ids
       FROM read_parquet([${paths.map(sqlString).join(', ')}])`,
    );
    duck.close();
    expect(Number(counted?.rows)).toBe(published);
    expect(Number(counted?.ids)).toBe(published);
  }, 240_000);
});
