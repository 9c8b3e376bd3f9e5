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
const BACKLOG = 3000;

/**
 * Stopping the live-feed hub while it catches up on a backlog: it stops between two messages instead
 * of reading the rest of its batch first. With a busy event loop (a demo's history just written) the
 * rest of a batch took long enough that `brigade start` failed its shutdown on SIGTERM.
 */
describe.runIf(kind)('the live-feed hub stopped while catching up', () => {
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
    await db.transaction((tx) => importEnvelopes(tx, events));
    await relayOnce(db, bus, BACKLOG);
    for (const deadline = Date.now() + 20_000; hub.stats().events === 0; ) {
      if (Date.now() > deadline) throw new Error('the hub read nothing');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await hub.stop();
    const read = hub.stats().events;
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan(BACKLOG);
  });
});
