import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedBus } from '../../../src/bus/embedded-bus.js';
import type { EventEnvelope } from '../../../src/domain/events/envelope.js';
import { importEnvelopes } from '../../../src/outbox/outbox-import.js';
import { relayOnce } from '../../../src/outbox/outbox-relay.js';
import { RealtimeHub } from '../../../src/realtime/realtime-hub.js';
import type { Database } from '../../../src/storage/database.js';
import { databaseKinds } from '../../support/databases.js';

const [kind] = await databaseKinds();
const BACKLOG = 20_000;

/**
 * The live-feed hub catching up on a backlog (a demo's history just written): it stops between two
 * messages instead of reading the rest of its batch first — with a busy event loop the rest of a batch
 * took long enough that `brigade start` failed its shutdown on SIGTERM — and it works through messages
 * no client gets many at a time, not one per turn of that busy loop, which kept a fresh demo's feeds
 * 25 minutes behind.
 */
describe.runIf(kind)('the live-feed hub catching up on a backlog', () => {
  let db: Database;
  let bus: EmbeddedBus;
  let events: EventEnvelope[];
  beforeAll(async () => {
    if (!kind) return;
    db = await kind.open();
    bus = new EmbeddedBus(db);
    const businessId = randomUUID();
    events = Array.from({ length: BACKLOG }, (_, index) => ({
      event_id: randomUUID(),
      event_type: 'staff.clocked_in',
      version: 1,
      occurred_at: new Date(Date.UTC(2026, 0, 1, 9, 0, index)).toISOString(),
      business_id: businessId,
      location_id: randomUUID(),
      order_id: null,
      sequence: 0,
      payload: {
        shift_id: randomUUID(),
        user_id: randomUUID(),
        clock_in_at: '2026-01-01T09:00:00Z',
        by: randomUUID(),
        hourly_rate: null,
      },
    }));
  });
  afterAll(async () => {
    await bus?.close();
    await db?.close();
  });

  it('stops before the rest of the batch it is reading', async () => {
    // A hub follows the bus from its end: the backlog arrives after it started, all in one batch.
    const hub = new RealtimeHub({ bus, db, limits: { tailBatch: BACKLOG } });
    hub.start();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await db.transaction((tx) => importEnvelopes(tx, events.slice(0, BACKLOG / 2)));
    await relayOnce(db, bus, BACKLOG);
    for (const deadline = Date.now() + 20_000; hub.stats().events === 0; ) {
      if (Date.now() > deadline) throw new Error('the hub read nothing');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await hub.stop();
    const read = hub.stats().events;
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan(BACKLOG / 2);
  });

  it('reads a backlog nobody listens to many messages a turn, even on a busy event loop', async () => {
    const hub = new RealtimeHub({ bus, db, limits: { tailBatch: BACKLOG / 2 } });
    hub.start();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // Every turn of the event loop spends 20 ms elsewhere, as beside the embedded database writing
    // history: at a turn a message, the 10,000 messages would take more than 200 s.
    let busy = true;
    const hog = () => {
      const until = performance.now() + 20;
      while (performance.now() < until) {}
      if (busy) setImmediate(hog);
    };
    try {
      await db.transaction((tx) => importEnvelopes(tx, events.slice(BACKLOG / 2)));
      await relayOnce(db, bus, BACKLOG);
      setImmediate(hog);
      for (const deadline = Date.now() + 60_000; hub.stats().events < BACKLOG / 2; ) {
        if (Date.now() > deadline) throw new Error(`the hub read ${hub.stats().events} of ${BACKLOG / 2}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      busy = false;
      await hub.stop();
    }
    expect(hub.stats().events).toBe(BACKLOG / 2);
  }, 90_000);
});
