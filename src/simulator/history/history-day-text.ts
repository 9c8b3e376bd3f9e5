import { DAY_MS } from '../model/opening-day.js';
import { streamOrders } from '../model/plan-orders.js';
import { shiftEventsBetween } from './shift-history.js';
import { type HistoryContext, type HistoryWindow, historyOfDay } from './write-history.js';

/** Day `index` of a window as NDJSON (what a `--out` file holds, UTF-8), with its counts. */
export interface HistoryDayText {
  index: number;
  ndjson: Uint8Array;
  events: number;
  orders: number;
}

/**
 * Writes day `index` of the window (the chunk of a day from `window.from`) as NDJSON: its orders'
 * events, then the staff's clock-ins and clock-outs of the day (shift-history.ts). Each event is
 * serialized as soon as its order is written, so its objects die young (cheap to collect) and the day
 * is held as flat strings until it is sorted. A window of at most one day is one chunk of the model
 * (plan-orders.ts): the same orders as chunk `index` of the whole window.
 */
export async function historyDayText(
  context: HistoryContext,
  seed: number,
  window: HistoryWindow,
  index: number,
): Promise<HistoryDayText> {
  const from = window.from + index * DAY_MS;
  let text = '';
  let events = 0;
  let orders = 0;
  for (const planned of streamOrders(context.compiled, {
    seed,
    from,
    to: Math.min(window.to, from + DAY_MS),
  })) {
    await context.people.prepare(planned);
    const day = await historyOfDay(context, planned, (event) => JSON.stringify(event));
    if (day.events.length > 0) text += `${day.events.join('\n')}\n`;
    events += day.events.length;
    orders += day.orders;
  }
  const shifts = shiftEventsBetween(context, window, from, Math.min(window.to, from + DAY_MS));
  if (shifts.length > 0) text += `${shifts.map((event) => JSON.stringify(event)).join('\n')}\n`;
  events += shifts.length;
  // Bytes, encoded once here: a worker hands them over without a copy, a file takes them as they are.
  return { index, ndjson: Buffer.from(text), events, orders };
}
