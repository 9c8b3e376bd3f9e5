import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../src/domain/events/envelope.js';
import { importEnvelopes } from '../../src/outbox/outbox-import.js';
import type { Database } from '../../src/storage/database.js';
import { databaseKinds } from '../support/databases.js';

/**
 * importEnvelopes (ingestion, simulator backfill): every value comes back exactly as given — payload
 * text with quotes, backslashes, newlines and non-ASCII, NULL ids — and an event id already in the
 * outbox, or twice in one call, is written once.
 */
for (const kind of await databaseKinds()) {
  describe(`importEnvelopes on ${kind.name}`, () => {
    let db: Database;
    beforeAll(async () => {
      db = await kind.open();
    });
    afterAll(() => db.close());

    const envelope = (payload: Record<string, unknown>, ids: { location?: boolean; order?: boolean } = {}) =>
      ({
        event_id: randomUUID(),
        event_type: 'test.imported',
        version: 1,
        occurred_at: '2025-03-14T18:00:00.123Z',
        business_id: randomUUID(),
        location_id: ids.location ? randomUUID() : null,
        order_id: ids.order ? randomUUID() : null,
        sequence: 7,
        payload,
      }) as unknown as EventEnvelope;

    it('stores every value as given, NULL ids and awkward text included', async () => {
      const awkward = {
        quote: 'say "hi"',
        backslash: 'C:\\path\\{braces},commas',
        lines: 'one\ntwo\tthree',
        unicode: 'crème brûlée 🍮 — 東京',
        nested: { list: [1, null, 'NULL', '{}'], empty: '' },
      };
      const events = [envelope(awkward, { location: true, order: true }), envelope({ n: 1 })];
      const written = await db.transaction((tx) => importEnvelopes(tx, events));
      expect(written).toEqual(new Set(events.map((event) => event.event_id)));

      const { rows } = await db.query<{
        event_id: string;
        event_type: string;
        version: number;
        occurred_at: Date;
        business_id: string;
        location_id: string | null;
        order_id: string | null;
        sequence: number;
        payload: unknown;
      }>(
        `SELECT event_id, event_type, version, occurred_at, business_id, location_id, order_id, sequence, payload
         FROM outbox WHERE event_id = ANY($1::uuid[]) ORDER BY position`,
        [events.map((event) => event.event_id)],
      );
      expect(rows.map((row) => ({ ...row, occurred_at: new Date(row.occurred_at).toISOString() }))).toEqual(
        events.map((event) => ({ ...event })),
      );
    });

    it('writes a batch of several statements in order, an id repeated across them once', async () => {
      // 2,500 events are three statements, all issued before any is answered.
      const events = Array.from({ length: 2_500 }, (_, n) => envelope({ n }));
      const repeated = events[0] as EventEnvelope;
      const batch = [...events.slice(0, 1_500), repeated, ...events.slice(1_500)];
      const written = await db.transaction((tx) => importEnvelopes(tx, batch));
      expect(written).toEqual(new Set(events.map((event) => event.event_id)));
      const { rows } = await db.query<{ n: number }>(
        "SELECT (payload->>'n')::int AS n FROM outbox WHERE event_id = ANY($1::uuid[]) ORDER BY position",
        [events.map((event) => event.event_id)],
      );
      expect(rows.map((row) => row.n)).toEqual(events.map((_, n) => n));
    });

    it('writes an event id once: already in the outbox, or twice in one call', async () => {
      const first = envelope({ n: 1 });
      await db.transaction((tx) => importEnvelopes(tx, [first]));
      const second = envelope({ n: 2 });
      const written = await db.transaction((tx) => importEnvelopes(tx, [first, second, second]));
      expect(written).toEqual(new Set([second.event_id]));
      const { rows } = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM outbox WHERE event_id = ANY($1::uuid[])',
        [[first.event_id, second.event_id]],
      );
      expect(rows[0]?.n).toBe(2);
    });
  });
}
