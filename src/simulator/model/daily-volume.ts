import type { SimLocation } from '../sim-world.js';
import { DAY_OF_WEEK_FACTOR } from './reference-mix.js';
import type { Rng } from './rng.js';

/**
 * Expected orders on a location's day: base × (1 + growth)^day × day-of-week × U(0.9, 1.1), and 0
 * on its closed weekdays. The noise is the first draw of the location-day's stream.
 */
export function dailyVolume(location: SimLocation, day: number, weekday: number, rng: Rng): number {
  if (location.closedWeekdays.includes(weekday)) return 0;
  const trend = location.baseOrdersPerDay * (1 + location.dailyGrowth) ** day;
  return trend * (DAY_OF_WEEK_FACTOR[weekday] ?? 1) * rng.uniform(0.9, 1.1);
}
