import type { DemoWorld } from '../../demo/demo-catalog.js';
import type { EventEnvelope } from '../../domain/events/envelope.js';
import { LIVE_HORIZON_MS } from '../../domain/events/live-horizon.js';
import { type CompiledWorld, compileWorld } from '../model/compile-world.js';
import { DAY_MS } from '../model/opening-day.js';
import { streamOrders } from '../model/plan-orders.js';
import type { PlannedOrder } from '../planned-order.js';
import type { SimWorld } from '../sim-world.js';
import { type HistoryCatalog, historyCatalog } from './history-catalog.js';
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
  const context = historyContext(options);
  const progress: HistoryProgress = {
    days: 0,
    totalDays: daysIn(window),
    orders: 0,
    events: 0,
  };
  for (const orders of streamOrders(context.compiled, { seed: options.seed, ...window })) {
    await people.prepare(orders);
    const day = await historyOfDay(context, orders);
    await sink.write(day.events, dayName(window, progress.days));
    progress.orders += day.orders;
    progress.events += day.events.length;
    progress.days += 1;
    options.onProgress?.({ ...progress });
  }
  await sink.close();
  return progress;
}

/** The days (chunks of a day, from `window.from`) a window is written in. */
export function daysIn(window: HistoryWindow): number {
  return Math.max(0, Math.ceil((window.to - window.from) / DAY_MS));
}

/** The UTC date of the window's day `index`, as the sinks name it. */
export function dayName(window: HistoryWindow, index: number): string {
  return new Date(window.from + index * DAY_MS).toISOString().slice(0, 10);
}

/** What writing any day of a window needs, built once (per thread). */
export interface HistoryContext {
  catalog: HistoryCatalog;
  compiled: CompiledWorld;
  people: HistoryPeople;
  /** The window's end: no event of an order happens at or after it. */
  until: number;
}

export function historyContext(
  options: Pick<WriteHistoryOptions, 'world' | 'sim' | 'people' | 'window'>,
): HistoryContext {
  return {
    catalog: historyCatalog(options.world, (email) => options.people.userIdOf(email)),
    compiled: compileWorld(options.sim),
    people: options.people,
    until: options.window.to,
  };
}

/**
 * The events of a day's planned orders (their customers prepared), in time order, each as `form`
 * makes it (the event itself by default), and how many orders wrote any. The same for a day whichever
 * run or thread writes it: an order's events depend on its plan and the window's end only. A form that
 * serializes (JSON text) lets each event's objects die young instead of living through the day.
 */
export async function historyOfDay<T = EventEnvelope>(
  context: HistoryContext,
  orders: readonly PlannedOrder[],
  form: (event: EventEnvelope) => T = (event) => event as T,
): Promise<{ events: T[]; orders: number }> {
  const events: T[] = [];
  const times: number[] = [];
  let written = 0;
  let sinceYield = 0;
  for (const plan of orders) {
    // A day is a second or so of CPU: let a server this runs in answer requests meanwhile.
    if (++sinceYield === YIELD_EVERY_ORDERS) {
      sinceYield = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const business = context.catalog.businesses.get(plan.businessKey);
    if (!business) throw new Error(`planned order ${plan.key} names an unknown business ${plan.businessKey}`);
    const history = orderHistory(
      plan,
      business,
      context.people.customerId(plan.businessKey, plan.customerKey),
      context.until,
    );
    if (history.events.length === 0) continue;
    written += 1;
    for (const event of history.events) events.push(form(event));
    for (const time of history.times) times.push(time);
  }
  return { events: inTimeOrder(events, times), orders: written };
}

/**
 * The day's events in time order; events at the same instant keep the order they were written in
 * (an order's own events their sequence). Sorted by number, not by their occurred_at text.
 */
function inTimeOrder<T>(events: readonly T[], times: readonly number[]): T[] {
  const order = Uint32Array.from(events.keys());
  order.sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);
  return Array.from(order, (index) => events[index] as T);
}
