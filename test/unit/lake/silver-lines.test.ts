import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckSession } from '../../../src/lake/duckdb/duck-session.js';
import { SILVER_BASE } from '../../../src/lake/silver/order-events-sql.js';

const relation = (name: string) => {
  const found = SILVER_BASE.find(([candidate]) => candidate === name);
  if (!found) throw new Error(`no base relation ${name}`);
  return found[1];
};

/** The base relation `lines` on its own, over payloads of every shape a foreign producer may send. */
describe('silver lines', () => {
  let duck: DuckSession;
  const line = (id: string, extra: Record<string, unknown> = {}) => ({
    line_id: id,
    line_number: 1,
    item_id: `item-${id}`,
    unit_price: 500,
    quantity: 2,
    modifiers: [
      { name: 'cheese', price: 75 },
      { name: 'bacon', price: 125 },
    ],
    ...extra,
  });
  const payloads: [string, string, unknown][] = [
    ['two-lines', 'order.placed', { lines: [line('a'), line('b', { modifiers: [] })] }],
    ['added', 'order.items_added', { lines: [line('c', { quantity: 'three' })] }],
    ['empty', 'order.placed', { lines: [] }],
    ['missing', 'order.placed', { totals: {} }],
    ['not-an-array', 'order.placed', { lines: 'soon' }],
    ['odd-elements', 'order.placed', { lines: [42, null, line('d')] }],
    ['not-an-order-event', 'payment.captured', { lines: [line('e')] }],
  ];

  beforeAll(async () => {
    duck = await DuckSession.open();
    await duck.run(
      'CREATE TABLE order_events (event_id VARCHAR, order_id VARCHAR, event_type VARCHAR, sequence INTEGER, log_offset BIGINT, payload JSON)',
    );
    for (const [index, [orderId, type, payload]] of payloads.entries()) {
      await duck.run('INSERT INTO order_events VALUES ($1, $2, $3, 0, $4, CAST($5 AS JSON))', [
        `event-${orderId}`,
        orderId,
        type,
        index,
        JSON.stringify(payload),
      ]);
    }
    // A replayed copy of an event counts once.
    await duck.run(`INSERT INTO order_events SELECT event_id, order_id, event_type, sequence, 100, payload
                      FROM order_events WHERE order_id = 'two-lines'`);
    await duck.run(`CREATE TABLE ev AS ${relation('ev')}`);
  });
  afterAll(() => duck.close());

  it('has one row per line of order.placed and order.items_added, whatever else a payload holds', async () => {
    const rows = await duck.rows<{
      order_id: string;
      line_id: string | null;
      added_later: boolean;
      qty: number | null;
      unit_price: string | null;
      modifiers_price: string;
    }>(
      `SELECT order_id, line_id, added_later, qty, unit_price, modifiers_price FROM (${relation('lines')})
        ORDER BY order_id, line_id NULLS FIRST`,
    );
    expect(
      rows.map((row) => [
        row.order_id,
        row.line_id,
        row.added_later,
        row.qty,
        row.unit_price === null ? null : Number(row.unit_price),
        Number(row.modifiers_price),
      ]),
    ).toEqual([
      ['added', 'c', true, null, 500, 200],
      // An element that is not an object is a line with every field NULL, as ->> gave.
      ['odd-elements', null, false, null, null, 0],
      ['odd-elements', null, false, null, null, 0],
      ['odd-elements', 'd', false, 2, 500, 200],
      ['two-lines', 'a', false, 2, 500, 200],
      ['two-lines', 'b', false, 2, 500, 0],
    ]);
  });
});
