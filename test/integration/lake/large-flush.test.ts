import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedBus } from '../../../src/bus/embedded-bus.js';
import { LocalDirStore } from '../../../src/lake/store/local-dir-store.js';
import type { Database } from '../../../src/storage/database.js';
import { databaseKinds } from '../../support/databases.js';
import { runLakeWriterUntilCaughtUp } from '../../support/lake-writer-catch-up.js';

/** More messages than one call can take as spread arguments (V8 stops at about 120,000). */
const MESSAGES = 150_000;

/**
 * BRIGADE_LAKE_FLUSH_EVENTS goes up to 1,000,000, and a writer catching up reads that many in one
 * tail: the buffer must take a page of any size.
 */
describe('lake writer with a large flush', () => {
  let db: Database;
  let dir: string;
  let bus: EmbeddedBus;

  beforeAll(async () => {
    const [pglite] = await databaseKinds();
    if (!pglite) throw new Error('no PGlite');
    db = await pglite.open();
    dir = await mkdtemp(path.join(tmpdir(), 'brigade-large-flush-'));
    bus = new EmbeddedBus(db);
    // Events of a type the lake does not know: each goes to quarantine, cheaply, with its reason.
    await db.query(
      `INSERT INTO outbox (event_id, event_type, version, occurred_at, business_id, sequence, payload, log_position)
       SELECT gen_random_uuid(), 'test.unknown', 1, now(), '00000000-0000-4000-8000-000000000001', n, '{}', n
       FROM generate_series(1, ${MESSAGES}) AS n`,
    );
  }, 120_000);

  afterAll(async () => {
    await bus?.close();
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('takes a page of 150,000 messages into one flush, every message once', async () => {
    const store = new LocalDirStore(path.join(dir, 'lake'));
    const manifest = await runLakeWriterUntilCaughtUp(
      bus,
      store,
      { flushEvents: 200_000, flushMs: 1000, lateHorizonDays: 0, scratchDir: path.join(dir, 'scratch') },
      120_000,
    );
    // One commit: the whole page went into one flush.
    expect(manifest.version).toBe(1);
    expect(manifest.cursor).toBe(String(MESSAGES));
    const rowsOf = (table: string) =>
      manifest.files.filter((file) => file.table === table).reduce((sum, file) => sum + file.rows, 0);
    // Every message once in bronze (a valid envelope) and once in quarantine (its type is unknown).
    expect(rowsOf('events')).toBe(MESSAGES);
    expect(rowsOf('quarantine')).toBe(MESSAGES);
  }, 180_000);
});
