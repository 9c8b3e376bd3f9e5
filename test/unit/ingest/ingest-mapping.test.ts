import { describe, expect, it } from 'vitest';
import type { IngestLocation } from '../../../src/domain/ingest/event-draft.js';
import {
  type GhostKitchenEvent,
  recognizeEvent,
  type StreamStackEvent,
} from '../../../src/domain/ingest/foreign-envelopes.js';
import { parseForeignTime, toMinorUnits } from '../../../src/domain/ingest/foreign-values.js';
import { mapGhostKitchenEvent } from '../../../src/domain/ingest/ghost-kitchen-mapping.js';
import { ingestIds } from '../../../src/domain/ingest/ingest-ids.js';
import { foldOrderEvent, NEW_ORDER } from '../../../src/domain/ingest/ingested-order.js';
import {
  assembleOrder,
  checkPiece,
  type HeldPiece,
} from '../../../src/domain/ingest/stream-stack-mapping.js';
import { uuidV5 } from '../../../src/domain/ingest/uuid-v5.js';

const BUSINESS = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const LOCATION: IngestLocation = {
  id: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9',
  code: 'TOR-1',
  currency: 'CAD',
  timeZone: 'America/Toronto',
};

describe('ingest ids', () => {
  it('are RFC 9562 UUID v5 (the RFC example), stable, and apart per business and source', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
    const ids = ingestIds(BUSINESS, 'ghost-kitchen');
    expect(ids.event('17')).toBe(ids.event('17'));
    expect(ids.event('17')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids.event('17')).not.toBe(ids.order('17'));
    expect(ids.event('17')).not.toBe(ingestIds(BUSINESS, 'stream-stack').event('17'));
    expect(ids.event('17')).not.toBe(ingestIds(LOCATION.id, 'ghost-kitchen').event('17'));
    // A foreign reference that already is a UUID is kept.
    expect(ids.ref('item', LOCATION.id.toUpperCase())).toBe(LOCATION.id);
  });
});

describe('foreign values', () => {
  it('reads both formats’ times as UTC instants, and refuses what is no time', () => {
    expect(parseForeignTime('2025-03-14 18:02:11.415')).toBe('2025-03-14T18:02:11.415Z');
    expect(parseForeignTime('2025-03-14 18:02:11')).toBe('2025-03-14T18:02:11.000Z');
    expect(parseForeignTime('2025-03-14T18:02:11.123456Z')).toBe('2025-03-14T18:02:11.123Z');
    expect(parseForeignTime('2025-03-14T13:02:11-05:00')).toBe('2025-03-14T18:02:11.000Z');
    expect(parseForeignTime('2025-03-14T13:02:11-0500')).toBe('2025-03-14T18:02:11.000Z');
    for (const bad of ['yesterday', '2025-13-14 18:00:00', '2025-02-30 10:00:00', '2025-03-14', '']) {
      expect(parseForeignTime(bad), bad).toBeUndefined();
    }
  });

  it('turns currency units into minor units as written, rounding half away from zero', () => {
    expect(toMinorUnits(1.005)).toBe(101);
    expect(toMinorUnits(14.5)).toBe(1450);
    expect(toMinorUnits(0.1 + 0.2)).toBe(30);
    expect(toMinorUnits(12.345)).toBe(1235);
    expect(toMinorUnits(0)).toBe(0);
  });
});

describe('recognizeEvent', () => {
  it('tells the envelopes apart by their own fields', () => {
    const gk = recognizeEvent({
      event_id: 9,
      event_type: 'gk_started',
      ts: '2025-03-14 18:00:00',
      location_id: 3,
      order_id: 77,
      sequence: 1,
      body: '{}',
    });
    expect(gk).toMatchObject({
      ok: true,
      format: 'foreign',
      event: { source: 'ghost-kitchen', id: '9', order: '77' },
    });
    const ss = recognizeEvent({
      offset: 5,
      event_id: 'e-1',
      event_type: 'order_created',
      ts: '2025-03-14T18:00:00Z',
      partition_key: 'LOC-ON-001',
      payload: { order_id: 'o-1', service_type: 'takeout' },
    });
    expect(ss).toMatchObject({
      ok: true,
      event: { source: 'stream-stack', location: 'LOC-ON-001', order: 'o-1' },
    });
    expect(recognizeEvent({ event_type: 'order.placed', business_id: BUSINESS })).toMatchObject({
      ok: false,
      rejection: { code: 'invalid_event' },
    });
    expect(recognizeEvent({ something: 'else' })).toMatchObject({
      ok: false,
      rejection: { code: 'unknown_format' },
    });
    expect(recognizeEvent([1])).toMatchObject({ ok: false, rejection: { code: 'unknown_format' } });
  });

  it('refuses a Brigade type that is not ingested before looking at its payload', () => {
    expect(
      recognizeEvent({
        event_id: LOCATION.id,
        event_type: 'location.changed',
        business_id: BUSINESS,
        payload: 1,
      }),
    ).toMatchObject({ ok: false, eventId: LOCATION.id, rejection: { code: 'unsupported_type' } });
    expect(recognizeEvent({ event_type: 'order.teleported', business_id: BUSINESS })).toMatchObject({
      rejection: { code: 'unsupported_type' },
    });
  });

  it('names the field that breaks a foreign schema', () => {
    const bad = recognizeEvent({
      event_id: 'x',
      event_type: 'driver_ping',
      ts: '2025-03-14 18:00:00',
      location_id: 'TOR-1',
      order_id: 'o',
      body: JSON.stringify({ loc_lat: 123, loc_lon: 0 }),
    });
    expect(bad).toMatchObject({
      ok: false,
      source: 'ghost-kitchen',
      foreignId: 'x',
      rejection: { code: 'invalid_event' },
    });
    expect(bad.ok ? '' : bad.rejection.reason).toContain('body/loc_lat');
  });
});

describe('ghost-kitchen mapping', () => {
  const context = {
    ids: ingestIds(BUSINESS, 'ghost-kitchen'),
    location: LOCATION,
    orderId: LOCATION.id,
    eventId: BUSINESS,
  };
  const step = (type: GhostKitchenEvent['type'], body: unknown = {}): GhostKitchenEvent =>
    ({
      source: 'ghost-kitchen',
      id: type,
      type,
      at: '2025-03-14T18:00:00.000Z',
      location: 'TOR-1',
      order: '4711',
      body,
    }) as GhostKitchenEvent;

  it('refuses a step before the one it needs, and a step the order already had', () => {
    expect(mapGhostKitchenEvent(step('gk_started'), NEW_ORDER, context)).toMatchObject({
      code: 'order_unknown',
    });
    const created = mapGhostKitchenEvent(
      step('order_created', {
        customer_lat: 1,
        customer_lon: 2,
        customer_addr: 'x',
        items: [{ id: 1, category_id: 2, brand_id: 3, name: 'Soup', price: 4.5, qty: 2 }],
      }),
      NEW_ORDER,
      context,
    );
    if (!Array.isArray(created)) throw new Error(created.reason);
    expect(created.map((draft) => draft.type)).toEqual([
      'order.placed',
      'order.confirmed',
      'kitchen.ticket_created',
    ]);
    expect(created[0]?.id).toBe(context.eventId);
    const order = created.reduce(
      (facts, draft) => foldOrderEvent(facts, { event_type: draft.type, payload: draft.payload }),
      NEW_ORDER,
    );
    expect(order).toMatchObject({ status: 'confirmed', ticket: { startedAt: null } });
    expect(mapGhostKitchenEvent(step('gk_finished'), order, context)).toMatchObject({ code: 'out_of_order' });
    expect(mapGhostKitchenEvent(step('driver_picked_up'), order, context)).toMatchObject({
      code: 'out_of_order',
    });
    expect(mapGhostKitchenEvent(step('order_created'), order, context)).toMatchObject({
      code: 'out_of_order',
    });
    const started = mapGhostKitchenEvent(step('gk_started'), order, context);
    if (!Array.isArray(started)) throw new Error(started.reason);
    const after = started.reduce(
      (facts, draft) => foldOrderEvent(facts, { event_type: draft.type, payload: draft.payload }),
      order,
    );
    expect(after.status).toBe('preparing');
    expect(mapGhostKitchenEvent(step('gk_started'), after, context)).toMatchObject({ code: 'out_of_order' });
  });
});

describe('stream-stack assembly', () => {
  const ids = ingestIds(BUSINESS, 'stream-stack');
  const piece = (
    kind: HeldPiece['piece'],
    event: Omit<StreamStackEvent, 'source' | 'location' | 'order'>,
  ): HeldPiece => ({
    eventId: ids.event(event.id),
    piece: kind,
    locationId: LOCATION.id,
    event: { source: 'stream-stack', location: 'TOR-1', order: 'o', ...event } as StreamStackEvent,
  });
  const header = piece('order', {
    id: 'h',
    type: 'order_created',
    at: '2025-03-14T18:00:00.000Z',
    payload: { order_id: 'o', service_type: 'takeout' },
  });
  const item = (id: string, price: number, qty: number) =>
    piece('item', {
      id,
      type: 'order_item_added',
      at: '2025-03-14T18:00:01.000Z',
      payload: {
        order_item_id: id,
        order_id: 'o',
        menu_item_id: 'm',
        category: 'Pizza',
        item_name: 'Pie',
        unit_price: price,
        qty,
      },
    });
  const payment = piece('payment', {
    id: 'p',
    type: 'payment_captured',
    at: '2025-03-14T18:20:00.000Z',
    payload: {
      payment_id: 'p',
      order_id: 'o',
      method: 'debit',
      amount: 28.25,
      subtotal: 25,
      tax: 3.25,
      tip: 0,
      total: 28.25,
    },
  });
  const context = { ids, location: LOCATION, categoryId: () => undefined };

  it('waits until the items add up to the paid subtotal, then makes the order', () => {
    expect(assembleOrder([header, item('a', 10, 1)], context)).toBeNull();
    expect(assembleOrder([header, item('a', 10, 1), payment], context)).toBeNull();
    const drafts = assembleOrder([payment, item('b', 7.5, 2), header, item('a', 10, 1)], context);
    expect(drafts?.map((draft) => draft.type)).toEqual([
      'order.placed',
      'payment.captured',
      'order.confirmed',
    ]);
    expect(drafts?.[0]?.payload).toMatchObject({
      totals: { subtotal: 2500, tax: 325, tip: 0, total: 2825 },
      lines: [{ line_subtotal: 1000 }, { line_subtotal: 1500 }],
    });
    expect(drafts?.[1]?.payload).toMatchObject({ method: 'debit_card', amount: 2825 });
  });

  it('refuses pieces that do not fit: a second payment, too much money, another location', () => {
    expect(checkPiece([header, payment], { ...payment, eventId: 'other' }, 'order o')).toMatchObject({
      code: 'out_of_order',
    });
    expect(checkPiece([header, payment, item('a', 20, 1)], item('b', 6, 1), 'order o')).toMatchObject({
      code: 'order_mismatch',
    });
    expect(checkPiece([header], { ...item('a', 1, 1), locationId: BUSINESS }, 'order o')).toMatchObject({
      code: 'order_mismatch',
    });
    expect(checkPiece([header, payment], item('a', 25, 1), 'order o')).toBeUndefined();
  });
});
