import { randomUUID } from 'node:crypto';
import type { OutboxEvent } from '../../support/lake-transform-harness.js';

/**
 * Copies of a real order under new ids, each broken one way, plus an event of an order that was
 * never placed. Returns the events and the (event_id, reason) pairs QUARANTINE_SQL must report.
 */
export function brokenOrders(outbox: readonly OutboxEvent[]): {
  events: OutboxEvent[];
  expected: [string, string][];
  orderIds: string[];
} {
  const placed = outbox.find((e) => e.event_type === 'order.placed' && e.payload !== null) as OutboxEvent;
  const history = outbox.filter((e) => e.order_id === placed.order_id);
  const events: OutboxEvent[] = [];
  const expected: [string, string][] = [];
  const orderIds: string[] = [];
  let offset = 1_000_000;
  const copy = (
    reason: string | null,
    change: (payload: Record<string, unknown>, event: OutboxEvent) => Record<string, unknown>,
    breaks: (event: OutboxEvent) => boolean,
  ) => {
    const orderId = randomUUID();
    orderIds.push(orderId);
    for (const event of history) {
      const payload = structuredClone(event.payload) as Record<string, unknown>;
      const copied = {
        ...event,
        event_id: randomUUID(),
        order_id: orderId,
        log_offset: String(offset++),
        payload: change(payload, event),
      };
      events.push(copied);
      if (reason && breaks(event)) expected.push([copied.event_id, reason]);
    }
    return orderId;
  };
  type Totals = { subtotal: number; total: number; currency: string };
  type Line = { line_subtotal: number };
  const isPlaced = (e: OutboxEvent) => e.event_type === 'order.placed';
  const totals = (p: Record<string, unknown>) => p.totals as Totals;
  const lines = (p: Record<string, unknown>) => p.lines as Line[];

  copy(
    'totals_mismatch',
    (p, e) => (isPlaced(e) ? { ...p, totals: { ...totals(p), total: totals(p).total + 1 } } : p),
    isPlaced,
  );
  copy(
    'line_price_mismatch',
    (p, e) => {
      if (!isPlaced(e)) return p;
      const [line] = lines(p);
      if (line) line.line_subtotal += 100;
      return {
        ...p,
        totals: { ...totals(p), subtotal: totals(p).subtotal + 100, total: totals(p).total + 100 },
      };
    },
    isPlaced,
  );
  copy(
    'subtotal_mismatch',
    (p, e) =>
      isPlaced(e)
        ? { ...p, totals: { ...totals(p), subtotal: totals(p).subtotal + 100, total: totals(p).total + 100 } }
        : p,
    isPlaced,
  );
  copy(
    'currency_mismatch',
    (p, e) => (e.event_type === 'payment.captured' ? { ...p, currency: 'USD' } : p),
    (e) => e.event_type === 'payment.captured',
  );
  const twice = copy(
    null,
    (p) => p,
    () => false,
  );
  const second = { ...placed, event_id: randomUUID(), order_id: twice, log_offset: String(offset++) };
  events.push(second);
  for (const e of events.filter((e) => e.order_id === twice && e.event_type === 'order.placed')) {
    expected.push([e.event_id, 'duplicate_order_placed']);
  }
  const orphan = {
    ...(history.at(-1) as OutboxEvent),
    event_id: randomUUID(),
    order_id: randomUUID(),
    log_offset: String(offset++),
  };
  events.push(orphan);
  expected.push([orphan.event_id, 'no_order_placed']);
  return { events, expected, orderIds: [...orderIds, orphan.order_id as string] };
}
