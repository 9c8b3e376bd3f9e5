import type { DemoWorld } from '../../demo/demo-catalog.js';
import type { EventEnvelope } from '../../domain/events/envelope.js';
import { LIVE_HORIZON_MS } from '../../domain/events/live-horizon.js';
import { compileWorld } from '../model/compile-world.js';
import { DAY_MS } from '../model/opening-day.js';
import { streamOrders } from '../model/plan-orders.js';
import type { SimWorld } from '../sim-world.js';
import { historyCatalog } from './history-catalog.js';
import type { HistoryPeople } from './history-people.js';
import type { HistorySink } from './history-sink.js';
import { orderHistory } from './order-history.js';

/** Placement window of a backfill, epoch milliseconds: [from, to). */
export interface HistoryWindow {
  from: number;
  to: number;
}

const YIELD_EVERY_ORDERS = 500;

/**
 * The window `--backfill --days N` writes: from midnight (UTC) N days ago up to the live horizon
 * before now. History stops there so that nothing it writes is recent enough for the kitchen display,
 * notifications or the floor plan to act on (src/domain/events/live-horizon.ts); the live simulation
 * carries on from now. With `marked`, the businesses' history mark is `now` (the demo's, set when
 * `brigade start` seeds it): those consumers know that everything up to it is history, so the window
 * runs up to `now` itself and leaves no gap before the live simulation.
 */
export function backfillWindow(days: number, now: number, marked = false): HistoryWindow {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  return { from: today - days * DAY_MS, to: marked ? now : now - LIVE_HORIZON_MS };
}

export interface HistoryProgress {
  /** Days (chunks of the window) written so far, and in all. */
  days: number;
  totalDays: number;
  orders: number;
  events: number;
}

export interface WriteHistoryOptions {
  world: DemoWorld;
  sim: SimWorld;
  /** The behaviour seed (as for the live simulation). */
  seed: number;
  window: HistoryWindow;
  people: HistoryPeople;
  sink: HistorySink;
  onProgress?: (progress: HistoryProgress) => void;
}

/**
 * Writes the orders the model places in the window as the events the platform would have written
 * for them (orderHistory), one day at a time: each day's events go to the sink in time order (an
 * order's own events keep their sequence), so memory holds one day whatever the window.
 */
export async function writeHistory(options: WriteHistoryOptions): Promise<HistoryProgress> {
  const { window, people, sink } = options;
  const catalog = historyCatalog(options.world, (email) => people.userIdOf(email));
  const compiled = compileWorld(options.sim);
  const progress: HistoryProgress = {
    days: 0,
    totalDays: Math.max(0, Math.ceil((window.to - window.from) / DAY_MS)),
    orders: 0,
    events: 0,
  };
  for (const orders of streamOrders(compiled, { seed: options.seed, ...window })) {
    await people.prepare(orders);
    const events: EventEnvelope[] = [];
    const times: number[] = [];
    let sinceYield = 0;
    for (const plan of orders) {
      // A day is a second or so of CPU: let a server this runs in answer requests meanwhile.
      if (++sinceYield === YIELD_EVERY_ORDERS) {
        sinceYield = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
      const business = catalog.businesses.get(plan.businessKey);
      if (!business)
        throw new Error(`planned order ${plan.key} names an unknown business ${plan.businessKey}`);
      const written = orderHistory(
        plan,
        business,
        people.customerId(plan.businessKey, plan.customerKey),
        window.to,
      );
      if (written.events.length === 0) continue;
      progress.orders += 1;
      for (const event of written.events) events.push(event);
      for (const time of written.times) times.push(time);
    }
    const day = new Date(window.from + progress.days * DAY_MS).toISOString().slice(0, 10);
    await sink.write(inTimeOrder(events, times), day);
    progress.events += events.length;
    progress.days += 1;
    options.onProgress?.({ ...progress });
  }
  await sink.close();
  return progress;
}

/**
 * The day's events in time order; events at the same instant keep the order they were written in
 * (an order's own events their sequence). Sorted by number, not by their occurred_at text.
 */
function inTimeOrder(events: readonly EventEnvelope[], times: readonly number[]): EventEnvelope[] {
  const order = Uint32Array.from(events.keys());
  order.sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);
  return Array.from(order, (index) => events[index] as EventEnvelope);
}
