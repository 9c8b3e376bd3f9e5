import { dayQuery } from './day-scope-sql.js';

/** Phase name → the silver table and column measuring it (seconds). */
export const PHASES = {
  kitchen_wait: ['silver_kitchen_tickets', 'wait_s'],
  kitchen_prep: ['silver_kitchen_tickets', 'prep_s'],
  kitchen_pass: ['silver_kitchen_tickets', 'pass_s'],
  placed_to_confirmed: ['silver_deliveries', 'placed_to_confirmed_s'],
  confirmed_to_ready: ['silver_deliveries', 'confirmed_to_ready_s'],
  ready_to_picked_up: ['silver_deliveries', 'ready_to_picked_up_s'],
  assigned_to_arrived: ['silver_deliveries', 'assigned_to_arrived_s'],
  picked_up_to_delivered: ['silver_deliveries', 'picked_up_to_delivered_s'],
  placed_to_delivered: ['silver_deliveries', 'placed_to_delivered_s'],
} as const;

export type Phase = keyof typeof PHASES;

const samples = Object.entries(PHASES)
  .map(
    ([phase, [table, column]]) =>
      `SELECT business_id, location_id, local_date, '${phase}' AS phase, ${column} AS seconds FROM ${table} s
       WHERE ${column} IS NOT NULL
         AND EXISTS (SELECT 1 FROM target_dates t WHERE t.business_id = s.business_id AND t.local_date = s.local_date)`,
  )
  .join('\nUNION ALL\n');

/**
 * gold_phase_percentiles: per location, local date (of the order) and phase, the number of measured
 * samples and p50/p75/p95/p99 by quantile_cont (linear interpolation between the closest ranks, as
 * PERCENTILE_CONT). Kitchen phases come from every ticket of the day's orders (wait, prep, pass as in
 * silver kitchen_tickets), delivery phases from the delivery orders; a phase not reached has no sample.
 */
export const PHASE_PERCENTILES_SQL = dayQuery(
  `SELECT business_id, location_id, local_date, phase, count(*) AS samples,
          quantile_cont(seconds, 0.5) AS p50_s, quantile_cont(seconds, 0.75) AS p75_s,
          quantile_cont(seconds, 0.95) AS p95_s, quantile_cont(seconds, 0.99) AS p99_s
   FROM phase_samples GROUP BY business_id, location_id, local_date, phase`,
  [`phase_samples AS (${samples})`],
);
