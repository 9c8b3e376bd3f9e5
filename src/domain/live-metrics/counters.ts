/**
 * The additive counters behind a location's figures for one local day. Everything the dashboard shows
 * is derived from them (averages are ratios of two counters), so a business's figures are the sum of
 * its locations' counters and nothing is averaged twice.
 */
export interface Counters {
  orders: number;
  revenueMinor: number;
  tipsMinor: number;
  cancellations: number;
  ticketsCreated: number;
  openTickets: number;
  readyTickets: number;
  prepSecondsTotal: number;
  lateTickets: number;
}

export const COUNTER_NAMES: readonly (keyof Counters)[] = [
  'orders',
  'revenueMinor',
  'tipsMinor',
  'cancellations',
  'ticketsCreated',
  'openTickets',
  'readyTickets',
  'prepSecondsTotal',
  'lateTickets',
];

export function zeroCounters(): Counters {
  return {
    orders: 0,
    revenueMinor: 0,
    tipsMinor: 0,
    cancellations: 0,
    ticketsCreated: 0,
    openTickets: 0,
    readyTickets: 0,
    prepSecondsTotal: 0,
    lateTickets: 0,
  };
}

/** a + sign × b, counter by counter; missing counters count as 0. */
export function addCounters(a: Counters, b: Partial<Counters>, sign: 1 | -1 = 1): Counters {
  const sum = { ...a };
  for (const name of COUNTER_NAMES) sum[name] += sign * (b[name] ?? 0);
  return sum;
}

export function isZero(counters: Counters): boolean {
  return COUNTER_NAMES.every((name) => counters[name] === 0);
}

/** What one order or ticket adds to the counters of one local day. */
export interface DayContribution {
  date: string;
  counters: Partial<Counters>;
}

/**
 * The change to each day's counters when an entity's contribution goes from `before` to `after`:
 * after − before, per day, leaving out days that do not change. Applying it to stored counters keeps
 * them equal to the sum of all entities' current contributions, whatever order entities change in.
 */
export function contributionDelta(
  before: readonly DayContribution[],
  after: readonly DayContribution[],
): Map<string, Counters> {
  const delta = new Map<string, Counters>();
  const add = (entries: readonly DayContribution[], sign: 1 | -1) => {
    for (const { date, counters } of entries) {
      delta.set(date, addCounters(delta.get(date) ?? zeroCounters(), counters, sign));
    }
  };
  add(before, -1);
  add(after, 1);
  for (const [date, counters] of delta) if (isZero(counters)) delta.delete(date);
  return delta;
}
