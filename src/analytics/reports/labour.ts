import { OVERTIME_RATE, REGULAR_MINUTES_PER_DAY } from '../../domain/staff/timesheet.js';
import { wallClock } from '../../lake/zone-sql.js';
import { share, toInt } from '../figures.js';
import type { Report } from '../report.js';
import { andLocations, dateBetween, inRange } from '../report-sql.js';

/*
 * Pay is counted in halves of a minor unit per minute: a shift's is rate × (2 × regular minutes +
 * 2 × OVERTIME_RATE × overtime minutes), an exact integer for the 1.5 rate, and a person-day's is that
 * sum ÷ 120 rounded half up, once per person and day, as the timesheet does.
 */
const OVERTIME_HALVES = 2 * OVERTIME_RATE;

/**
 * Labour against sales per local day, from silver `shifts` (closed shifts) and gold_financial_day:
 * the same hours and pay as the timesheet (src/services/staff/timesheet-report.ts) for the same range
 * and location filter — a shift counts whole on the local day it began, the first 8 hours of a person's
 * day are regular and the rest overtime, pay is rounded once per person and day, and a person-day with
 * a shift of unknown rate is left out of the cost and counted in `unpricedDays`. Labour share = labour
 * cost ÷ net sales (gross − discounts) of the same days and locations.
 */
export const labourReport: Report = {
  name: 'labour',
  defaultPeriod: '30d',
  goldVersion: 2,
  inputs: (filters) => [
    { table: 'shifts', range: { from: filters.from, to: filters.to } },
    { table: 'dim_locations', range: { from: filters.from, to: filters.to } },
    { table: 'gold_financial_day', range: { from: filters.from, to: filters.to } },
  ],
  async run({ session, filters, locations }) {
    const rows = await session.rows<Record<string, string | number | null>>(
      // The zone the clock-in event carries wins, the location dimension is the fallback (events of
      // foreign producers, shifts from before the field), UTC when neither names a zone DuckDB knows.
      `WITH zones AS (
         SELECT location_id, arg_max(time_zone, updated_at) AS time_zone FROM dim_locations GROUP BY location_id
       ),
       dated AS (
         SELECT s.shift_id, s.user_id, s.clock_in_at, s.clock_out_at, s.hourly_rate,
                CAST(${wallClock('s.clock_in_at', 's.time_zone', 'z.time_zone')} AS DATE) AS local_date,
                greatest(0, (epoch_ms(s.clock_out_at) - epoch_ms(s.clock_in_at)) // 60000) AS minutes
           FROM shifts s LEFT JOIN zones z USING (location_id)
          WHERE true ${andLocations(filters, 's.location_id')}
       ),
       closed AS (
         SELECT *, coalesce(sum(minutes) OVER (
                  PARTITION BY user_id, local_date ORDER BY clock_in_at, shift_id
                  ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS minutes_before
           FROM dated WHERE clock_out_at IS NOT NULL AND ${dateBetween('local_date', filters.from, filters.to)}
       ),
       person_days AS (
         SELECT local_date, user_id, count(*) AS shifts, sum(minutes) AS minutes,
                least(sum(minutes), ${REGULAR_MINUTES_PER_DAY}) AS regular,
                CASE WHEN count(hourly_rate) = count(*) THEN
                  (sum(hourly_rate * (2 * regular + ${OVERTIME_HALVES} * (minutes - regular))) + 60) // 120
                END AS pay
           FROM (SELECT *, greatest(0, least(minutes, ${REGULAR_MINUTES_PER_DAY} - minutes_before)) AS regular FROM closed)
          GROUP BY local_date, user_id
       ),
       labour AS (
         SELECT local_date, count(*) AS people, sum(shifts) AS shifts, sum(minutes) AS minutes,
                sum(minutes - regular) AS overtime, coalesce(sum(pay), 0) AS cost,
                count(*) - count(pay) AS unpriced
           FROM person_days GROUP BY local_date
       ),
       open_shifts AS (
         SELECT local_date, count(*) AS open FROM dated
          WHERE clock_out_at IS NULL AND ${dateBetween('local_date', filters.from, filters.to)}
          GROUP BY local_date
       ),
       sales AS (
         SELECT local_date, sum(gross_sales) - sum(discounts) AS net_sales
           FROM gold_financial_day WHERE ${inRange(filters)} GROUP BY local_date
       )
       SELECT strftime(local_date, '%Y-%m-%d') AS local_date, people, shifts, minutes, overtime, cost,
              unpriced, open, net_sales
         FROM labour FULL JOIN open_shifts USING (local_date) FULL JOIN sales USING (local_date)
        ORDER BY local_date`,
    );
    const days = rows.map((row) => {
      const labourCost = toInt(row.cost);
      const netSales = toInt(row.net_sales);
      return {
        date: String(row.local_date),
        people: toInt(row.people),
        shifts: toInt(row.shifts),
        minutes: toInt(row.minutes),
        overtimeMinutes: toInt(row.overtime),
        labourCostMinor: labourCost,
        unpricedDays: toInt(row.unpriced),
        openShifts: toInt(row.open),
        netSalesMinor: netSales,
        labourShare: share(labourCost, netSales),
      };
    });
    const sum = (
      field:
        | 'shifts'
        | 'minutes'
        | 'overtimeMinutes'
        | 'labourCostMinor'
        | 'unpricedDays'
        | 'openShifts'
        | 'netSalesMinor',
    ) => days.reduce((total, day) => total + day[field], 0);
    const totals = {
      shifts: sum('shifts'),
      minutes: sum('minutes'),
      overtimeMinutes: sum('overtimeMinutes'),
      labourCostMinor: sum('labourCostMinor'),
      unpricedDays: sum('unpricedDays'),
      openShifts: sum('openShifts'),
      netSalesMinor: sum('netSalesMinor'),
      labourShare: share(sum('labourCostMinor'), sum('netSalesMinor')),
    };
    return {
      body: { currency: locations.currency(filters.locationIds), days, totals },
      table: {
        columns: [
          { name: 'date', type: 'DATE' },
          { name: 'people', type: 'BIGINT' },
          { name: 'shifts', type: 'BIGINT' },
          { name: 'minutes', type: 'BIGINT' },
          { name: 'overtime_minutes', type: 'BIGINT' },
          { name: 'labour_cost', type: 'BIGINT' },
          { name: 'unpriced_days', type: 'BIGINT' },
          { name: 'open_shifts', type: 'BIGINT' },
          { name: 'net_sales', type: 'BIGINT' },
          { name: 'labour_share', type: 'DOUBLE' },
        ],
        rows: days.map((day) => ({
          date: day.date,
          people: day.people,
          shifts: day.shifts,
          minutes: day.minutes,
          overtime_minutes: day.overtimeMinutes,
          labour_cost: day.labourCostMinor,
          unpriced_days: day.unpricedDays,
          open_shifts: day.openShifts,
          net_sales: day.netSalesMinor,
          labour_share: day.labourShare,
        })),
      },
    };
  },
};
