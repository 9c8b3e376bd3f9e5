import { describe, expect, it } from 'vitest';
import { buildDemoWorld } from '../../../../src/demo/demo-world.js';
import { parseEnvelope } from '../../../../src/domain/events/parse-envelope.js';
import { historyCatalog } from '../../../../src/simulator/history/history-catalog.js';
import { namedPeople } from '../../../../src/simulator/history/history-people.js';
import { orderHistory } from '../../../../src/simulator/history/order-history.js';
import { orderScript } from '../../../../src/simulator/live/order-script.js';
import { planDay } from '../../../../src/simulator/model/plan-orders.js';
import { simWorldOf } from '../../../../src/simulator/world/demo-sim-world.js';

const world = buildDemoWorld();
const sim = simWorldOf(world);
const people = namedPeople(world, sim);
const catalog = historyCatalog(world, (email) => people.userIdOf(email));
const orders = planDay(sim, 11, 120);
const history = (plan: (typeof orders)[number], until?: number) => {
  const business = catalog.businesses.get(plan.businessKey);
  if (!business) throw new Error('unknown business');
  return orderHistory(plan, business, people.customerId(plan.businessKey, plan.customerKey), until).events;
};

describe('order history', () => {
  it('is the same events for the same plan, each one the bus reader accepts', () => {
    expect(orders.length).toBeGreaterThan(1000);
    for (const plan of orders.slice(0, 300)) {
      const events = history(plan);
      expect(history(plan)).toEqual(events);
      for (const event of events) expect(parseEnvelope(JSON.stringify(event))).toMatchObject({ ok: true });
      expect(new Set(events.map((event) => event.event_id)).size).toBe(events.length);
    }
  });

  it('prices orders as the order service does: lines, offers, tax on the discounted subtotal, tip, fee', () => {
    for (const plan of orders.slice(0, 300)) {
      const [placed] = history(plan);
      const payload = placed?.payload as {
        lines: {
          unit_price: number;
          quantity: number;
          modifiers: { price: number }[];
          line_subtotal: number;
        }[];
        totals: Record<string, number>;
      };
      for (const line of payload.lines) {
        const unit = line.unit_price + line.modifiers.reduce((sum, modifier) => sum + modifier.price, 0);
        expect(line.line_subtotal).toBe(unit * line.quantity);
      }
      const t = payload.totals as Record<string, number>;
      expect(t.subtotal).toBe(payload.lines.reduce((sum, line) => sum + line.line_subtotal, 0));
      expect(t.total).toBe(
        (t.subtotal ?? 0) - (t.discount ?? 0) + (t.tax ?? 0) + (t.tip ?? 0) + (t.delivery_fee ?? 0),
      );
      if (plan.serviceType !== 'delivery') expect(t.delivery_fee).toBe(0);
    }
  });

  it('stops at the cutoff: an order still open is left out, a review or refund still to come is dropped', () => {
    let leftOut = 0;
    let trimmed = 0;
    for (const plan of orders) {
      const steps = orderScript(plan);
      const placed = steps[0]?.at ?? 0;
      const until = placed + 30 * 60_000;
      const events = history(plan, until);
      for (const event of events) expect(Date.parse(event.occurred_at)).toBeLessThanOrEqual(until);
      const open = steps.some(
        (step) => step.at > until && step.kind !== 'refund' && step.kind !== 'feedback',
      );
      if (open) {
        expect(events).toEqual([]);
        leftOut += 1;
      } else if (steps.some((step) => step.at > until)) {
        trimmed += 1;
        const full = history(plan);
        expect(full.slice(0, events.length)).toEqual(events);
        expect(full.length).toBeGreaterThan(events.length);
      }
    }
    expect(leftOut).toBeGreaterThan(0);
    expect(trimmed).toBeGreaterThan(0);
  });
});
