import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedBus } from '../../../src/bus/embedded-bus.js';
import type { EventBus } from '../../../src/bus/event-bus.js';
import { LocalDirStore } from '../../../src/lake/store/local-dir-store.js';
import type { Database } from '../../../src/storage/database.js';
import { databaseKinds } from '../../support/databases.js';
import { runLakeWriterUntilCaughtUp } from '../../support/lake-writer-catch-up.js';

/** More messages than one call can take as spread arguments (V8 stops at about 120,000). */
const MESSAGES = 150_000;

/**
 * BRIGADE_LAKE_FLUSH_EVENTS goes up to 1,000,000: a writer catching up buffers that many for one
 * flush, reading them page after page (each page is decoded on the event loop, so pages are kept to
 * a few thousand events and a server in the same process answers between them).
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

  it('takes 150,000 messages into one flush in pages of at most 5,000, every message once', async () => {
    const store = new LocalDirStore(path.join(dir, 'lake'));
    // The real bus, watched: how many events each read asks for.
    const asked: number[] = [];
    const watched: EventBus = Object.create(bus, {
      tail: {
        value: (cursor: string | null, options: { max: number; blockMs: number }) => {
          asked.push(options.max);
          return bus.tail(cursor, options);
        },
      },
    });
    const manifest = await runLakeWriterUntilCaughtUp(
      watched,
      store,
      { flushEvents: 200_000, flushMs: 1000, lateHorizonDays: 0, scratchDir: path.join(dir, 'scratch') },
      120_000,
    );
    // One commit: every page went into one flush.
    expect(manifest.version).toBe(1);
    expect(Math.max(...asked)).toBe(5000);
    expect(asked.length).toBeGreaterThanOrEqual(MESSAGES / 5000);
    expect(manifest.cursor).toBe(String(MESSAGES));
    const rowsOf = (table: string) =>
      manifest.files.filter((file) => file.table === table).reduce((sum, file) => sum + file.rows, 0);
    // Every message once in bronze (a valid envelope) and once in quarantine (its type is unknown).
    expect(rowsOf('events')).toBe(MESSAGES);
    expect(rowsOf('quarantine')).toBe(MESSAGES);
  }, 180_000);
});
