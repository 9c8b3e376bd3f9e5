import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedBus } from '../../../src/bus/embedded-bus.js';
import { ingestIds } from '../../../src/domain/ingest/ingest-ids.js';
import { relayOnce } from '../../../src/outbox/outbox-relay.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import type { RestaurantFixture } from '../../support/fixtures.js';
import { placeOrder } from '../../support/orders.js';
import { drainPipeline } from '../../support/pipeline.js';
import { seedTwoTenants } from '../../support/two-tenants.js';

interface ItemResult {
  index: number;
  event_id: string | null;
  status: 'accepted' | 'duplicate' | 'rejected';
  code?: string;
  reason?: string;
  held?: true;
}
interface IngestAnswer {
  accepted: number;
  duplicates: number;
  rejected: number;
  results: ItemResult[];
}
interface StoredEvent {
  event_id: string;
  event_type: string;
  sequence: number;
  location_id: string | null;
  order_id: string | null;
  occurred_at: Date;
  // biome-ignore lint/suspicious/noExplicitAny: assertions read into arbitrary payloads
  payload: any;
}

/** Ghost-kitchen events as the reference format writes them: the body is JSON text. */
function ghostKitchen(order: string, location = 'TOR-1') {
  let sequence = 0;
  return (id: string, type: string, ts: string, body: unknown = {}) => ({
    event_id: id,
    event_type: type,
    ts,
    location_id: location,
    order_id: order,
    sequence: sequence++,
    body: JSON.stringify(body),
  });
}

/** Stream-stack events as the reference format writes them. */
function streamStack(location = 'TOR-1') {
  let offset = 0;
  return (id: string, type: string, ts: string, payload: unknown) => ({
    offset: ++offset,
    event_id: id,
    event_type: type,
    ts,
    partition_key: location,
    payload,
  });
}

/**
 * POST /api/v1/businesses/{businessId}/ingest/events on real databases: the three envelopes mapped to
 * Brigade events, idempotency by event id, per-item rejections next to accepted events, tenant checks,
 * and ingested events flowing on (consumers, the paged event feed).
 */
for (const kind of await databaseKinds()) {
  describe(`event ingestion on ${kind.name}`, () => {
    let t: TestApp;
    let a: RestaurantFixture;
    let b: RestaurantFixture;
    let ownerA: string;
    let ownerB: string;

    beforeAll(async () => {
      t = await startTestApp(kind);
      ({ a, b, ownerA, ownerB } = await seedTwoTenants(t));
    });
    afterAll(() => t.close());

    const post = (businessId: string, events: unknown, token = ownerA) =>
      t.request({
        method: 'POST',
        url: `/api/v1/businesses/${businessId}/ingest/events`,
        token,
        body: { events },
      });
    const ingest = async (events: unknown[], businessId = a.businessId, token = ownerA) => {
      const response = await post(businessId, events, token);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as IngestAnswer;
    };
    const eventsOf = async (orderId: string) =>
      (
        await t.db.query<StoredEvent>(
          `SELECT event_id, event_type, sequence, location_id, order_id, occurred_at, payload FROM outbox
           WHERE order_id = $1 ORDER BY sequence`,
          [orderId],
        )
      ).rows;
    const outboxCount = async () =>
      (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox')).rows[0]?.n ?? 0;
    const gkIds = () => ingestIds(a.businessId, 'ghost-kitchen');
    const ssIds = () => ingestIds(a.businessId, 'stream-stack');

    it('maps a ghost-kitchen order, step by step, to the events Brigade writes for the same steps', async () => {
      const order = `gk-${randomUUID()}`;
      const gk = ghostKitchen(order);
      const batch = [
        gk(`${order}-0`, 'order_created', '2025-03-14 18:00:00.000', {
          customer_lat: 43.66,
          customer_lon: -79.39,
          customer_addr: '10 Bloor St W',
          items: [
            { id: 101, category_id: 7, menu_id: 3, brand_id: 12, name: 'Pad thai', price: 14.5, qty: 2 },
            { id: 102, category_id: 8, menu_id: 3, brand_id: 13, name: 'Spring rolls', price: 6.25, qty: 1 },
          ],
        }),
        gk(`${order}-1`, 'gk_started', '2025-03-14 18:02:00.000'),
        gk(`${order}-2`, 'gk_finished', '2025-03-14 18:13:30.000'),
        gk(`${order}-3`, 'gk_ready', '2025-03-14 18:15:00.000'),
        gk(`${order}-4`, 'driver_arrived', '2025-03-14 18:18:00.000'),
        gk(`${order}-5`, 'driver_picked_up', '2025-03-14 18:21:00.000', { route_points: [[43.65, -79.38]] }),
        gk(`${order}-6`, 'driver_ping', '2025-03-14 18:22:00.000', {
          progress_pct: 40,
          loc_lat: 43.655,
          loc_lon: -79.385,
        }),
        gk(`${order}-7`, 'driver_ping', '2025-03-14 18:23:00.000', {
          progress_pct: 80,
          loc_lat: 43.658,
          loc_lon: -79.388,
        }),
        gk(`${order}-8`, 'delivered', '2025-03-14 18:24:00.000', {
          delivered_lat: 43.66,
          delivered_lon: -79.39,
        }),
      ];
      const answer = await ingest(batch);
      expect(answer).toMatchObject({ accepted: 9, duplicates: 0, rejected: 0 });
      expect(answer.results.map((result) => result.event_id)).toEqual(
        batch.map((event) => gkIds().event(event.event_id)),
      );

      const orderId = gkIds().order(order);
      const events = await eventsOf(orderId);
      expect(events.map((event) => event.event_type)).toEqual([
        'order.placed',
        'order.confirmed',
        'kitchen.ticket_created',
        'kitchen.ticket_started',
        'order.status_changed',
        'kitchen.ticket_ready',
        'order.status_changed',
        'delivery.driver_assigned',
        'delivery.driver_arrived',
        'delivery.picked_up',
        'order.status_changed',
        'kitchen.ticket_served',
        'delivery.location_updated',
        'delivery.location_updated',
        'delivery.delivered',
        'order.status_changed',
      ]);
      expect(events.map((event) => event.sequence)).toEqual(events.map((_, index) => index));
      expect(events.every((event) => event.location_id === a.locationId)).toBe(true);
      expect(
        events.filter((event) => event.event_type === 'order.status_changed').map((e) => e.payload.to),
      ).toEqual(['preparing', 'ready', 'out_for_delivery', 'delivered']);
      const [placed] = events;
      expect(placed?.event_id).toBe(answer.results[0]?.event_id);
      expect(new Date(placed?.occurred_at ?? 0).toISOString()).toBe('2025-03-14T18:00:00.000Z');
      expect(placed?.payload).toMatchObject({
        channel: 'ghost-kitchen',
        service_type: 'delivery',
        delivery: { address: { line1: '10 Bloor St W' }, lat: 43.66, lon: -79.39 },
        totals: { currency: 'CAD', subtotal: 3525, tax: 0, tip: 0, total: 3525 },
        time_zone: 'America/Toronto',
      });
      expect(
        placed?.payload.lines.map((line: { unit_price: number; quantity: number; line_subtotal: number }) => [
          line.unit_price,
          line.quantity,
          line.line_subtotal,
        ]),
      ).toEqual([
        [1450, 2, 2900],
        [625, 1, 625],
      ]);
      expect(placed?.payload.lines[0].item_id).toBe(gkIds().ref('item', '101'));
      const ready = events.find((event) => event.event_type === 'kitchen.ticket_ready');
      expect(ready?.payload).toMatchObject({
        started_at: '2025-03-14T18:02:00.000Z',
        ready_at: '2025-03-14T18:13:30.000Z',
        prep_seconds: 13.5 * 60,
        late: true, // target: 10 minutes after the ticket reached the kitchen
      });
      const pings = events.filter((event) => event.event_type === 'delivery.location_updated');
      expect(pings.map((ping) => [ping.payload.lat, ping.payload.lon])).toEqual([
        [43.655, -79.385],
        [43.658, -79.388],
      ]);

      // Ingested events flow like Brigade's own: every consumer takes them without a failure. The
      // ghost kitchen reported its own ticket, so this Brigade's kitchen display made none.
      await drainPipeline(t.db);
      const tickets = await t.db.query('SELECT id FROM kitchen_tickets WHERE order_id = $1', [orderId]);
      expect(tickets.rows).toEqual([]);
    });

    it('assembles a stream-stack order from its pieces, across batches, then takes its feedback', async () => {
      const ss = streamStack();
      // A live order (two hours ago): the kitchen display takes orders within the live horizon only.
      const base = Math.floor(Date.now() / 1000) * 1000 - 2 * 3600_000;
      const at = (seconds: number) => new Date(base + seconds * 1000).toISOString();
      const order = `ss-${randomUUID()}`;
      const first = await ingest([
        ss(`${order}-created`, 'order_created', at(0), {
          order_id: order,
          visit_id: 'v-1',
          service_type: 'dine_in',
          order_ts: at(0),
          location_code: 'TOR-1',
        }),
        ss(`${order}-item-1`, 'order_item_added', at(1), {
          order_item_id: `${order}-line-1`,
          order_id: order,
          menu_item_id: 'burger-classic',
          category: 'mains',
          item_name: 'Classic burger',
          unit_price: 16.75,
          qty: 2,
          extended_price: 33.5,
        }),
      ]);
      expect(first.results.map((result) => [result.status, result.held])).toEqual([
        ['accepted', true],
        ['accepted', true],
      ]);
      const orderId = ssIds().order(order);
      expect(await eventsOf(orderId)).toEqual([]);

      const second = await ingest([
        ss(`${order}-paid`, 'payment_captured', at(1800), {
          payment_id: `${order}-pay`,
          order_id: order,
          method: 'credit',
          provider: 'VISA',
          amount: 52.43,
          auth_code: 'A1B2C3',
          subtotal: 39.5,
          tax: 5.14,
          tip: 7.79,
          total: 52.43,
          location_code: 'TOR-1',
        }),
        ss(`${order}-item-2`, 'order_item_added', at(2), {
          order_item_id: `${order}-line-2`,
          order_id: order,
          menu_item_id: 'fries',
          category: 'Sides',
          item_name: 'Fries',
          unit_price: 6,
          qty: 1,
          extended_price: 6,
        }),
        ss(`${order}-feedback`, 'feedback_submitted', at(3600), {
          feedback_id: `${order}-fb`,
          order_id: order,
          customer_id: 'cust-77',
          rating: 4,
          nps: 8,
          comment: 'Good fries',
          created_ts: at(3540),
        }),
      ]);
      // The payment completes the order as soon as the second item comes: nothing is held any more.
      expect(second.results.map((result) => [result.status, result.held])).toEqual([
        ['accepted', undefined],
        ['accepted', undefined],
        ['accepted', undefined],
      ]);

      const events = await eventsOf(orderId);
      expect(events.map((event) => [event.sequence, event.event_type])).toEqual([
        [0, 'order.placed'],
        [1, 'payment.captured'],
        [2, 'order.confirmed'],
        [3, 'feedback.submitted'],
      ]);
      const [placed, captured, , feedback] = events;
      expect(placed?.event_id).toBe(ssIds().event(`${order}-created`));
      expect(placed?.payload).toMatchObject({
        channel: 'stream-stack',
        service_type: 'dine_in',
        totals: { currency: 'CAD', subtotal: 3950, tax: 514, tip: 779, total: 5243 },
      });
      expect(placed?.payload.lines).toMatchObject([
        { line_number: 1, name: 'Classic burger', unit_price: 1675, quantity: 2, line_subtotal: 3350 },
        { line_number: 2, name: 'Fries', unit_price: 600, quantity: 1, line_subtotal: 600 },
      ]);
      // A category the business has (by name) keeps its id, so reports name it; others get their own.
      expect(placed?.payload.lines[0].category_id).toBe(a.categoryId);
      expect(placed?.payload.lines[1].category_id).toBe(ssIds().ref('category', 'sides'));
      expect(captured?.event_id).toBe(ssIds().event(`${order}-paid`));
      expect(captured?.payload).toMatchObject({
        method: 'credit_card',
        provider: 'VISA',
        amount: 5243,
        auth_code: 'A1B2C3',
        subtotal: 3950,
        tax: 514,
        tip: 779,
        total: 5243,
      });
      expect(feedback?.payload).toMatchObject({ rating: 4, nps: 8, comment: 'Good fries' });
      expect(feedback?.payload.customer_id).toBe(ssIds().ref('customer', 'cust-77'));
      expect(new Date(feedback?.occurred_at ?? 0).toISOString()).toBe(at(3540));
      const { rows } = await t.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM ingest_held_events WHERE order_id = $1 AND assembled_at IS NOT NULL',
        [orderId],
      );
      expect(rows[0]?.n).toBe(4);
      // A confirmed order from a source without kitchen steps reaches the kitchen display like any
      // foreign order (a live one: history older than the live horizon makes no ticket).
      await drainPipeline(t.db);
      const tickets = await t.db.query<{ station: string; status: string }>(
        'SELECT station, status FROM kitchen_tickets WHERE order_id = $1',
        [orderId],
      );
      expect(tickets.rows).toEqual([{ station: 'main', status: 'pending' }]);
    });

    it("keeps events in Brigade's envelope as they are, order.created included", async () => {
      const orderId = randomUUID();
      const placedId = randomUUID();
      const confirmedId = randomUUID();
      const answer = await ingest([
        brigadeEnvelope(a, placedId, 'order.created', orderId, 0, placedPayload(a)),
        brigadeEnvelope(a, confirmedId, 'order.confirmed', orderId, 1, {
          from: 'placed',
          to: 'confirmed',
          actor: { user_id: null, role: 'system' },
        }),
        { ...brigadeEnvelope(a, randomUUID(), 'menu.changed', null, 0, {}), offset: 17 },
      ]);
      expect(answer.results.map((result) => [result.event_id, result.status, result.code])).toEqual([
        [placedId, 'accepted', undefined],
        [confirmedId, 'accepted', undefined],
        [expect.any(String), 'rejected', 'unsupported_type'],
      ]);
      expect(
        (await eventsOf(orderId)).map((event) => [event.event_id, event.event_type, event.sequence]),
      ).toEqual([
        [placedId, 'order.placed', 0],
        [confirmedId, 'order.confirmed', 1],
      ]);
    });

    it('answers a repeated event id as a duplicate and appends nothing twice', async () => {
      const order = `gk-${randomUUID()}`;
      const gk = ghostKitchen(order);
      const created = gk(`${order}-0`, 'order_created', '2025-03-14 19:00:00', {
        customer_lat: 43.7,
        customer_lon: -79.4,
        customer_addr: '1 Yonge St',
        items: [{ id: 'x', category_id: 'c', brand_id: 'b', name: 'Bowl', price: 12, qty: 1 }],
      });
      const started = gk(`${order}-1`, 'gk_started', '2025-03-14 19:03:00');
      expect(await ingest([created, started])).toMatchObject({ accepted: 2 });
      const before = await outboxCount();
      // The same ids again (a retried request), and one twice within a batch.
      const again = await ingest([created, started, created]);
      expect(again).toMatchObject({ accepted: 0, duplicates: 3, rejected: 0 });
      expect(again.results.map((result) => result.event_id)).toEqual([
        gkIds().event(`${order}-0`),
        gkIds().event(`${order}-1`),
        gkIds().event(`${order}-0`),
      ]);
      expect(await outboxCount()).toBe(before);

      // A held stream-stack piece and a Brigade envelope are recognised the same way.
      const ss = streamStack();
      const piece = ss(`dup-${randomUUID()}`, 'order_created', '2025-03-14T19:00:00Z', {
        order_id: `o-${randomUUID()}`,
        service_type: 'takeout',
      });
      const envelope = brigadeEnvelope(a, randomUUID(), 'order.placed', randomUUID(), 0, placedPayload(a));
      expect(await ingest([piece, envelope, envelope])).toMatchObject({ accepted: 2, duplicates: 1 });
      expect((await ingest([piece, envelope])).results.map((result) => result.status)).toEqual([
        'duplicate',
        'duplicate',
      ]);
    });

    it('rejects bad events one by one with a code and reason, and keeps the good ones', async () => {
      const brigadeOrder = await placeOrder(t, {
        locationId: a.locationId,
        token: ownerA,
        items: [{ itemId: a.items.fries, quantity: 1 }],
      });
      const order = `mix-${randomUUID()}`;
      const gk = ghostKitchen(order);
      const foreignOrder = randomUUID();
      const ss = streamStack();
      const ssOrder = `ss-${randomUUID()}`;
      const complete = `ss-${randomUUID()}`;
      const batch: unknown[] = [
        gk(`${order}-0`, 'order_created', '2025-03-14 20:00:00', {
          customer_lat: 43.7,
          customer_lon: -79.4,
          customer_addr: '5 Front St',
          items: [{ id: 1, category_id: 1, brand_id: 1, name: 'Soup', price: 9, qty: 1 }],
        }),
        42,
        { hello: 'world' },
        gk(`${order}-bad`, 'order_created', '2025-03-14 20:00:00', {
          customer_lat: 43.7,
          customer_lon: -79.4,
          customer_addr: '5 Front St',
          items: [{ id: 1, category_id: 1, brand_id: 1, name: 'Soup', price: 'cheap', qty: 1 }],
        }),
        gk(`${order}-teleport`, 'gk_teleported', '2025-03-14 20:01:00'),
        gk(`${order}-2`, 'gk_finished', '2025-03-14 20:05:00'),
        { ...gk(`${order}-when`, 'gk_started', 'yesterday') },
        ghostKitchen(`never-${randomUUID()}`)(`orphan-${randomUUID()}`, 'gk_started', '2025-03-14 20:01:00'),
        gk(`${order}-1`, 'gk_started', '2025-03-14 20:02:00'),
        brigadeEnvelope(a, randomUUID(), 'notification.created', null, 0, {}),
        brigadeEnvelope(a, randomUUID(), 'order.placed', foreignOrder, 0, { ...placedPayload(a), lines: [] }),
        brigadeEnvelope(a, randomUUID(), 'order.placed', foreignOrder, 0, placedPayload(a)),
        brigadeEnvelope(a, randomUUID(), 'order.confirmed', foreignOrder, 0, {
          from: 'placed',
          to: 'confirmed',
          actor: { user_id: null, role: 'system' },
        }),
        brigadeEnvelope(a, randomUUID(), 'order.status_changed', brigadeOrder.id, 99, {
          from: 'confirmed',
          to: 'preparing',
          actor: { user_id: null, role: 'kitchen' },
        }),
        brigadeEnvelope(b, randomUUID(), 'order.placed', randomUUID(), 0, placedPayload(b)),
        ss(`${ssOrder}-paid`, 'payment_captured', '2025-03-14T20:00:00Z', {
          payment_id: 'p',
          order_id: ssOrder,
          method: 'cash',
          amount: 11.3,
          subtotal: 10,
          tax: 1.3,
          tip: 0,
          total: 11.3,
        }),
        ss(`${ssOrder}-item`, 'order_item_added', '2025-03-14T20:00:01Z', {
          order_item_id: 'l1',
          order_id: ssOrder,
          menu_item_id: 'm1',
          category: 'Mains',
          item_name: 'Steak',
          unit_price: 30,
          qty: 1,
        }),
        ss(`${ssOrder}-fb`, 'feedback_submitted', '2025-03-14T21:00:00Z', {
          feedback_id: 'f',
          order_id: ssOrder,
          rating: 5,
        }),
        ss(`${complete}-created`, 'order_created', '2025-03-14T20:00:00Z', {
          order_id: complete,
          service_type: 'takeout',
        }),
        ss(`${complete}-item`, 'order_item_added', '2025-03-14T20:00:01Z', {
          order_item_id: 'l1',
          order_id: complete,
          menu_item_id: 'm1',
          category: 'Mains',
          item_name: 'Salad',
          unit_price: 12,
          qty: 1,
        }),
        ss(`${complete}-paid`, 'payment_captured', '2025-03-14T20:10:00Z', {
          payment_id: 'p2',
          order_id: complete,
          method: 'Digital Wallet',
          provider: 'Apple Pay',
          amount: 13.56,
          subtotal: 12,
          tax: 1.56,
          tip: 0,
          total: 13.56,
        }),
        ss(`${complete}-rating`, 'feedback_submitted', '2025-03-14T21:00:00Z', {
          feedback_id: 'f2',
          order_id: complete,
          rating: 9,
        }),
        // Valid JSON, but a NUL character PostgreSQL cannot store: this event only, not the batch.
        brigadeEnvelope(a, randomUUID(), 'order.placed', randomUUID(), 0, {
          ...placedPayload(a),
          lines: placedPayload(a).lines.map((line) => ({ ...line, notes: 'no\u0000salt' })),
        }),
      ];
      const answer = await ingest(batch);
      const outcome = answer.results.map((result) => [result.index, result.status, result.code ?? null]);
      expect(outcome).toEqual([
        [0, 'accepted', null],
        [1, 'rejected', 'unknown_format'],
        [2, 'rejected', 'unknown_format'],
        [3, 'rejected', 'invalid_event'],
        [4, 'rejected', 'unsupported_type'],
        [5, 'rejected', 'out_of_order'],
        [6, 'rejected', 'invalid_event'],
        [7, 'rejected', 'order_unknown'],
        [8, 'accepted', null],
        [9, 'rejected', 'unsupported_type'],
        [10, 'rejected', 'invalid_event'],
        [11, 'accepted', null],
        [12, 'rejected', 'sequence_taken'],
        [13, 'rejected', 'brigade_order'],
        [14, 'rejected', 'other_business'],
        [15, 'accepted', null],
        [16, 'rejected', 'order_mismatch'],
        [17, 'rejected', 'order_unknown'],
        [18, 'accepted', null],
        [19, 'accepted', null],
        [20, 'accepted', null],
        [21, 'rejected', 'invalid_event'],
        [22, 'rejected', 'invalid_event'],
      ]);
      expect(answer).toMatchObject({ accepted: 7, duplicates: 0, rejected: 16 });
      const reasons = answer.results.map((result) => result.reason ?? '');
      expect(reasons[3]).toContain('body/items/0');
      expect(reasons[5]).toContain('before its gk_started');
      expect(reasons[6]).toContain('ts');
      expect(reasons[10]).toContain('payload/lines');
      expect(reasons[12]).toContain('sequence 0');
      expect(reasons[16]).toContain('more than its payment subtotal');
      expect(reasons[21]).toContain('mapped to feedback.submitted');
      expect(reasons[21]).toContain('payload/rating');
      expect(reasons[22]).toContain('NUL character');
      expect(answer.results[15]?.held).toBe(true);
      expect(answer.results[20]?.held).toBeUndefined();
      expect(
        answer.results.every((result) => (result.status === 'rejected') === (result.reason !== undefined)),
      ).toBe(true);
      // What was accepted is there, what was rejected is not; the Brigade order is untouched.
      expect((await eventsOf(gkIds().order(order))).map((event) => event.event_type)).toEqual([
        'order.placed',
        'order.confirmed',
        'kitchen.ticket_created',
        'kitchen.ticket_started',
        'order.status_changed',
      ]);
      expect((await eventsOf(foreignOrder)).map((event) => event.event_type)).toEqual(['order.placed']);
      expect((await eventsOf(brigadeOrder.id)).some((event) => event.sequence === 99)).toBe(false);
    });

    it('refuses, one by one, amounts and numbers beyond what Brigade stores and order events without their scope', async () => {
      const valid = randomUUID();
      const placed = placedPayload(a);
      const gkOrder = `big-${randomUUID()}`;
      const soup = (price: number) => ({
        customer_lat: 43.7,
        customer_lon: -79.4,
        customer_addr: '5 Front St',
        items: [{ id: 1, category_id: 1, brand_id: 1, name: 'Soup', price, qty: 1000 }],
      });
      const answer = await ingest([
        brigadeEnvelope(a, randomUUID(), 'order.placed', valid, 0, placed),
        brigadeEnvelope(a, randomUUID(), 'order.placed', randomUUID(), 2_147_483_648, placed),
        brigadeEnvelope(a, randomUUID(), 'order.placed', null, 0, placed),
        { ...brigadeEnvelope(a, randomUUID(), 'order.placed', randomUUID(), 0, placed), location_id: null },
        brigadeEnvelope(a, randomUUID(), 'order.placed', randomUUID(), 0, {
          ...placed,
          totals: { ...placed.totals, total: 1e20 },
        }),
        ghostKitchen(gkOrder)(`${gkOrder}-0`, 'order_created', '2025-03-14 20:00:00', soup(1e13)),
        // An integer id beyond 2^53 − 1: JSON reads 2^53 + 1 as 2^53 too, so neither may be taken.
        {
          ...ghostKitchen(gkOrder)(`${gkOrder}-x`, 'order_created', '2025-03-14 20:00:00', soup(9)),
          event_id: 2 ** 53,
          order_id: 2 ** 53,
        },
      ]);
      expect(answer.results.map((result) => [result.status, result.code ?? null])).toEqual([
        ['accepted', null],
        ['rejected', 'invalid_event'],
        ['rejected', 'invalid_event'],
        ['rejected', 'invalid_event'],
        ['rejected', 'invalid_event'],
        ['rejected', 'invalid_event'],
        ['rejected', 'invalid_event'],
      ]);
      const reasons = answer.results.map((result) => result.reason ?? '');
      expect(reasons[1]).toContain('sequence must be an integer from 0 to 2147483647');
      expect(reasons[2]).toContain('order.placed needs order_id');
      expect(reasons[3]).toContain('order.placed needs location_id');
      expect(reasons[4]).toContain('payload/totals/total');
      expect(reasons[5]).toContain('body/items/0/price');
      expect(reasons[6]).toMatch(/order_id|event_id/);
      expect((await eventsOf(valid)).map((event) => event.event_type)).toEqual(['order.placed']);
    });

    it("refuses another business's locations, events and callers, and keeps each business's ids apart", async () => {
      const order = `iso-${randomUUID()}`;
      const created = (location: string) =>
        ghostKitchen(order, location)(`${order}-0`, 'order_created', '2025-03-14 21:00:00', {
          customer_lat: 43.7,
          customer_lon: -79.4,
          customer_addr: '9 Queen St',
          items: [{ id: 1, category_id: 1, brand_id: 1, name: 'Taco', price: 4, qty: 3 }],
        });
      const refused = await ingest([created(b.locationId), created('NOWHERE-9')]);
      expect(refused.results.map((result) => [result.code, result.reason])).toEqual([
        ['unknown_location', `location ${b.locationId} is not a location of this business`],
        ['unknown_location', 'location NOWHERE-9 is not a location of this business'],
      ]);
      // By Brigade id, A's location is accepted as well as by its code.
      expect((await ingest([created(a.locationId)])).results[0]?.status).toBe('accepted');

      // The same foreign event in B (its own TOR-1) is B's own event, with another Brigade id.
      const inB = await ingest([created('TOR-1')], b.businessId, ownerB);
      expect(inB.results[0]?.status).toBe('accepted');
      expect(inB.results[0]?.event_id).not.toBe(gkIds().event(`${order}-0`));
      const placedInB = await eventsOf(ingestIds(b.businessId, 'ghost-kitchen').order(order));
      expect(placedInB[0]?.location_id).toBe(b.locationId);

      // An event id B already uses, a Brigade envelope at B's location, and B's order.
      const taken = await ingest([
        brigadeEnvelope(a, inB.results[0]?.event_id ?? '', 'order.placed', randomUUID(), 0, placedPayload(a)),
        {
          ...brigadeEnvelope(a, randomUUID(), 'order.placed', randomUUID(), 0, placedPayload(a)),
          location_id: b.locationId,
        },
        brigadeEnvelope(a, randomUUID(), 'order.confirmed', placedInB[0]?.order_id ?? null, 7, {
          from: 'placed',
          to: 'confirmed',
          actor: { user_id: null, role: 'system' },
        }),
      ]);
      expect(taken.results.map((result) => result.code)).toEqual([
        'event_id_taken',
        'unknown_location',
        'other_business',
      ]);
      // An event of B's (business_id B, an id B has) sent to A: another business's, whatever its id.
      const resent = await ingest([
        brigadeEnvelope(b, inB.results[0]?.event_id ?? '', 'order.placed', randomUUID(), 0, placedPayload(b)),
      ]);
      expect(resent.results[0]).toMatchObject({ status: 'rejected', code: 'other_business' });

      // A driver who is a user of this Brigade but no member of the business.
      const outsider = await t.userToken();
      const assigned = await ingest([
        brigadeEnvelope(a, randomUUID(), 'delivery.driver_assigned', randomUUID(), 0, {
          delivery_id: randomUUID(),
          order_id: randomUUID(),
          driver_user_id: outsider.userId,
          driver_name: 'Someone',
          assigned_by: { user_id: null, role: 'system' },
          at: '2025-03-14T21:00:00.000Z',
        }),
      ]);
      expect(assigned.results[0]).toMatchObject({ status: 'rejected', code: 'other_business' });

      // Callers: another business's owner, staff, customers and anonymous callers are refused.
      const body = [created('TOR-1')];
      expect((await post(a.businessId, body, ownerB)).json()).toMatchObject({
        status: 403,
        code: 'forbidden',
      });
      const cashier = await t.userToken({
        memberships: [{ businessId: a.businessId, role: 'staff', position: 'cashier' }],
      });
      expect((await post(a.businessId, body, cashier.token)).statusCode).toBe(403);
      expect((await post(a.businessId, body, outsider.token)).statusCode).toBe(403);
      const anonymous = await t.request({
        method: 'POST',
        url: `/api/v1/businesses/${a.businessId}/ingest/events`,
        body: { events: body },
      });
      expect(anonymous.statusCode).toBe(401);
      const manager = await t.userToken({ memberships: [{ businessId: a.businessId, role: 'manager' }] });
      expect((await post(a.businessId, body, manager.token)).json()).toMatchObject({ duplicates: 1 });
    });

    it('bounds the batch and answers a malformed request as a whole with validation_failed', async () => {
      const tooMany = Array.from({ length: 1001 }, () => ({}));
      for (const [body, field] of [
        [{ events: tooMany }, 'body/events'],
        [{ events: [] }, 'body/events'],
        [{ events: 'nope' }, 'body/events'],
        [{ items: [{}] }, 'body/items'],
      ] as const) {
        const response = await t.request({
          method: 'POST',
          url: `/api/v1/businesses/${a.businessId}/ingest/events`,
          token: ownerA,
          body,
        });
        expect(response.statusCode).toBe(400);
        const problem = response.json() as { code: string; errors: { field: string }[] };
        expect(problem.code).toBe('validation_failed');
        expect(problem.errors.map((error) => error.field)).toContain(field);
      }
      // A page of an event feed can be posted as it is (next_since is ignored).
      const page = await t.request({
        method: 'POST',
        url: `/api/v1/businesses/${a.businessId}/ingest/events`,
        token: ownerA,
        body: { events: [{ nothing: true }], next_since: 12 },
      });
      expect(page.json()).toMatchObject({ rejected: 1 });
    });

    it('makes ingested events visible in the business event feed, with their offsets', async () => {
      const order = `feed-${randomUUID()}`;
      const answer = await ingest([
        ghostKitchen(order)(`${order}-0`, 'order_created', '2025-03-14 22:00:00', {
          customer_lat: 43.7,
          customer_lon: -79.4,
          customer_addr: '2 Bay St',
          items: [{ id: 1, category_id: 1, brand_id: 1, name: 'Ramen', price: 15, qty: 1 }],
        }),
      ]);
      const { rows } = await t.db.query<{ head: number | null }>(
        'SELECT max(log_position) AS head FROM outbox',
      );
      const head = rows[0]?.head ?? 0;
      for (;;) if ((await relayOnce(t.db, new EmbeddedBus(t.db), 1000)).published === 0) break;
      const page = await t.request({
        method: 'GET',
        url: `/api/v1/businesses/${a.businessId}/events?since=${head}`,
        token: ownerA,
      });
      const events = (page.json() as { events: { offset: number; event_id: string; event_type: string }[] })
        .events;
      const orderId = gkIds().order(order);
      const ingested = events.filter((event) => (event as { order_id?: string }).order_id === orderId);
      expect(ingested.map((event) => event.event_type)).toEqual([
        'order.placed',
        'order.confirmed',
        'kitchen.ticket_created',
      ]);
      expect(ingested[0]?.event_id).toBe(answer.results[0]?.event_id);
      expect(ingested.every((event) => event.offset > head)).toBe(true);
    });
  });
}

function brigadeEnvelope(
  fixture: RestaurantFixture,
  eventId: string,
  type: string,
  orderId: string | null,
  sequence: number,
  payload: unknown,
) {
  return {
    event_id: eventId,
    event_type: type,
    version: 1,
    occurred_at: '2025-03-14T18:00:00.000Z',
    business_id: fixture.businessId,
    location_id: fixture.locationId,
    order_id: orderId,
    sequence,
    payload,
  };
}

function placedPayload(fixture: RestaurantFixture) {
  return {
    status: 'placed',
    customer_id: null,
    placed_by: null,
    channel: 'aggregator',
    service_type: 'takeout',
    table_number: null,
    delivery: null,
    lines: [
      {
        line_id: randomUUID(),
        line_number: 1,
        item_id: fixture.items.burger,
        brand_id: fixture.brandId,
        category_id: fixture.categoryId,
        name: 'Burger',
        station: 'grill',
        unit_price: 1250,
        unit_cost: null,
        quantity: 1,
        modifiers: [],
        line_subtotal: 1250,
        discount: 0,
        notes: null,
      },
    ],
    totals: {
      currency: 'CAD',
      subtotal: 1250,
      discount: 0,
      loyalty_discount: 0,
      tax: 163,
      tip: 0,
      delivery_fee: 0,
      total: 1413,
    },
    promo_code: null,
    applied_offers: [],
    loyalty_points_redeemed: 0,
    placed_at: '2025-03-14T18:00:00.000Z',
  };
}
