/** Monday first, as ISO weeks and the sales summary's week buckets are. */
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
/** Shades of a heatmap cell besides "nothing". */
export const HEAT_LEVELS = 5;

export interface HourBucket {
  /** The local date, YYYY-MM-DD. */
  date: string;
  /** The local hour 0..23 (null in buckets that are not hourly, which are skipped). */
  hour: number | null;
  orders: number;
  salesMinor: number;
}

export interface WeekHourGrid {
  /** sales[weekday][hour], weekday 0 = Monday. */
  sales: number[][];
  orders: number[][];
  salesByWeekday: number[];
  salesByHour: number[];
  totalSales: number;
  totalOrders: number;
  /** The largest cell, for shading. */
  maxSales: number;
}

/**
 * Folds hourly sales buckets (the sales summary's `group_by=hour`, in each location's local time) into
 * weekday × hour: a period longer than a week adds its Mondays together, and so on.
 */
export function foldWeekHours(buckets: readonly HourBucket[]): WeekHourGrid {
  const sales = WEEKDAYS.map(() => new Array<number>(24).fill(0));
  const orders = WEEKDAYS.map(() => new Array<number>(24).fill(0));
  for (const bucket of buckets) {
    if (bucket.hour === null || bucket.hour < 0 || bucket.hour > 23) continue;
    const day = weekdayOf(bucket.date);
    const salesRow = sales[day];
    const ordersRow = orders[day];
    if (!salesRow || !ordersRow) continue;
    salesRow[bucket.hour] = (salesRow[bucket.hour] ?? 0) + bucket.salesMinor;
    ordersRow[bucket.hour] = (ordersRow[bucket.hour] ?? 0) + bucket.orders;
  }
  const salesByWeekday = sales.map((row) => sum(row));
  const salesByHour = Array.from({ length: 24 }, (_unused, hour) => sum(sales.map((row) => row[hour] ?? 0)));
  return {
    sales,
    orders,
    salesByWeekday,
    salesByHour,
    totalSales: sum(salesByWeekday),
    totalOrders: sum(orders.map((row) => sum(row))),
    maxSales: Math.max(0, ...sales.flat()),
  };
}

/** 0 for nothing, else 1..HEAT_LEVELS in proportion to the largest cell. */
export function heatLevel(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.min(HEAT_LEVELS, Math.max(1, Math.ceil((value / max) * HEAT_LEVELS)));
}

/** 0 = Monday … 6 = Sunday of a calendar date (a date has no zone: read as UTC). */
export function weekdayOf(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
