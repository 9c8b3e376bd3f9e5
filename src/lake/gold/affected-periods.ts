/**
 * Which metric periods a change to some local dates touches. Pure date arithmetic (UTC calendar on
 * 'YYYY-MM-DD' strings), no I/O.
 *
 * Churn (metrics-sql.ts) of a period looks at the customers seen in the 2 × window days up to
 * its period_end, so an order on day D changes, besides the day, week and month holding D, the churn
 * of every period ending in [D, D + 2 × window − 1] — and nothing else: periods ending before D never
 * see it, and from D + 2 × window on it is outside their look-back.
 */

export type MetricGrain = 'day' | 'week' | 'month';

export interface MetricPeriod {
  grain: MetricGrain;
  period_start: string;
  period_end: string;
}

/** The churn window in days: a customer with no order in this many days up to period_end has lapsed. */
export const CHURN_WINDOW_DAYS = 90;

/**
 * The trailing windows of gold_trailing_customers in days: the dashboard's standard periods (1, 7, 30,
 * 90, 365) and churn's look-back (2 × the churn window), from which gold_metrics takes its churn.
 */
export const TRAILING_WINDOWS = [1, 7, 30, CHURN_WINDOW_DAYS, 2 * CHURN_WINDOW_DAYS, 365] as const;
export const LONGEST_TRAILING_WINDOW = Math.max(...TRAILING_WINDOWS);

const DAY_MS = 86_400_000;
const GRAINS: readonly MetricGrain[] = ['day', 'week', 'month'];

/**
 * Every day, week (Monday to Sunday) and month period whose metrics change when the orders of the
 * given local dates change, sorted by grain then start. `today` (YYYY-MM-DD) caps the look-forward:
 * periods starting after it are not computed yet (their first order will compute them), except the
 * periods holding a changed date itself (a local date may be ahead of the writer's UTC today).
 */
export function affectedPeriods(
  localDates: readonly string[],
  churnWindowDays = CHURN_WINDOW_DAYS,
  today?: string,
): MetricPeriod[] {
  const found = new Map<string, MetricPeriod>();
  for (const date of new Set(localDates)) {
    const day = toDay(date);
    const reachEnd = day + 2 * churnWindowDays - 1;
    const cap = today === undefined ? Number.POSITIVE_INFINITY : Math.max(toDay(today), day);
    for (const grain of GRAINS) {
      // The period holding the date always changes; the following ones only through churn.
      let period = periodOf(grain, day);
      do {
        found.set(`${grain}:${period.start}`, {
          grain,
          period_start: fromDay(period.start),
          period_end: fromDay(period.end),
        });
        period = periodOf(grain, period.end + 1);
      } while (period.end <= reachEnd && period.start <= cap);
    }
  }
  return [...found.values()].sort(
    (a, b) =>
      GRAINS.indexOf(a.grain) - GRAINS.indexOf(b.grain) || a.period_start.localeCompare(b.period_start),
  );
}

/** The period of a grain holding a day, as day numbers (days since 1970-01-01), both ends inclusive. */
export function periodOf(grain: MetricGrain, day: number): { start: number; end: number } {
  if (grain === 'day') return { start: day, end: day };
  if (grain === 'week') {
    const mondayOffset = (new Date(day * DAY_MS).getUTCDay() + 6) % 7;
    return { start: day - mondayOffset, end: day - mondayOffset + 6 };
  }
  const date = new Date(day * DAY_MS);
  const start = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / DAY_MS;
  const end = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / DAY_MS - 1;
  return { start, end };
}

export function toDay(date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`not a date: ${date}`);
  const ms = Date.parse(`${date}T00:00:00Z`);
  // Date.parse rolls 2025-02-30 over to March: a date that does not come back unchanged is no date.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date)
    throw new Error(`not a date: ${date}`);
  return ms / DAY_MS;
}

export function fromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The days whose trailing windows (gold_trailing_customers) change when the orders of the given local
 * dates change: each changed date and the days up to the longest window after it, but none after
 * `today` + 1 (the furthest a location's local date runs ahead of the UTC date), sorted.
 *
 * The cap keeps the table correct: a day's row is only ever written while that day is at most
 * tomorrow, so every row that exists stays within the cap of every later change, which recomputes it
 * whenever the change falls in its windows. A changed date beyond the cap (a clock ahead, a foreign
 * event from the future) gets no row yet: readers count the order headers for such days instead.
 */
export function affectedTrailingEnds(localDates: readonly string[], today: string): string[] {
  const cap = toDay(today) + 1;
  const found = new Set<number>();
  for (const date of new Set(localDates)) {
    const day = toDay(date);
    for (let end = day; end <= Math.min(day + LONGEST_TRAILING_WINDOW - 1, cap); end++) found.add(end);
  }
  return [...found].sort((a, b) => a - b).map(fromDay);
}
