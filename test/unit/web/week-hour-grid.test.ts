import { describe, expect, it } from 'vitest';
import {
  foldWeekHours,
  HEAT_LEVELS,
  heatLevel,
  weekdayOf,
} from '../../../web/src/dashboard/week-hour-grid.js';

describe('weekday × hour fold of hourly sales', () => {
  it('names weekdays Monday first from calendar dates', () => {
    expect(weekdayOf('2026-03-09')).toBe(0); // a Monday
    expect(weekdayOf('2026-03-15')).toBe(6); // a Sunday
    expect(weekdayOf('2024-02-29')).toBe(3); // a Thursday, leap day
  });

  it('adds the same weekday and hour of different weeks together and keeps the totals', () => {
    const grid = foldWeekHours([
      { date: '2026-03-09', hour: 12, orders: 2, salesMinor: 3000 },
      { date: '2026-03-16', hour: 12, orders: 1, salesMinor: 1500 }, // the next Monday
      { date: '2026-03-15', hour: 0, orders: 1, salesMinor: 700 },
      { date: '2026-03-15', hour: 23, orders: 0, salesMinor: 0 },
    ]);
    expect(grid.sales[0]?.[12]).toBe(4500);
    expect(grid.orders[0]?.[12]).toBe(3);
    expect(grid.sales[6]?.[0]).toBe(700);
    expect(grid.salesByWeekday).toEqual([4500, 0, 0, 0, 0, 0, 700]);
    expect(grid.salesByHour[12]).toBe(4500);
    expect(grid.totalSales).toBe(5200);
    expect(grid.totalOrders).toBe(4);
    expect(grid.maxSales).toBe(4500);
  });

  it('skips buckets that are not hourly and gives an all-zero grid for nothing', () => {
    const grid = foldWeekHours([{ date: '2026-03-09', hour: null, orders: 5, salesMinor: 9000 }]);
    expect(grid.totalSales).toBe(0);
    expect(grid.maxSales).toBe(0);
    expect(grid.sales).toHaveLength(7);
    expect(grid.sales.every((row) => row.length === 24)).toBe(true);
  });

  it('shades cells in proportion to the largest, nothing apart', () => {
    expect(heatLevel(0, 100)).toBe(0);
    expect(heatLevel(5, 0)).toBe(0);
    expect(heatLevel(1, 100)).toBe(1);
    expect(heatLevel(50, 100)).toBe(3);
    expect(heatLevel(100, 100)).toBe(HEAT_LEVELS);
  });
});
