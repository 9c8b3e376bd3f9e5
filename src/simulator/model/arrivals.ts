import { localMinuteAt, type OpeningDay } from './opening-day.js';
import type { Rng } from './rng.js';

const MINUTE_MS = 60_000;

/** The instants orders are placed on one opening day, in order, with the local minute of each. */
export interface Arrivals {
  placedAt: number[];
  localMinute: number[];
}

/**
 * Per-minute Poisson arrivals: minute i of the opening gets λ_i = volume × w_i / Σw, so the day's
 * expected total is `volume` and its shape is the curve; within a minute the instants are uniform.
 */
export function drawArrivals(rng: Rng, day: OpeningDay, curve: Float64Array, volume: number): Arrivals {
  const placedAt: number[] = [];
  const localMinute: number[] = [];
  if (day.minutes === 0 || !(volume > 0)) return { placedAt, localMinute };
  let sum = 0;
  for (let i = 0; i < day.minutes; i++) sum += curve[localMinuteAt(day, i) % 1440] ?? 0;
  const scale = volume / sum;
  for (let i = 0; i < day.minutes; i++) {
    const minute = localMinuteAt(day, i);
    const count = rng.poisson((curve[minute % 1440] ?? 0) * scale);
    if (count === 0) continue;
    const start = day.openMs + i * MINUTE_MS;
    const first = placedAt.length;
    for (let j = 0; j < count; j++) {
      placedAt.push(start + Math.floor(rng.float() * MINUTE_MS));
      localMinute.push(minute);
    }
    if (count > 1) sortTail(placedAt, first);
  }
  return { placedAt, localMinute };
}

/** Insertion sort of the few instants drawn in one minute. */
function sortTail(values: number[], from: number): void {
  for (let i = from + 1; i < values.length; i++) {
    const value = values[i] ?? 0;
    let j = i - 1;
    while (j >= from && (values[j] ?? 0) > value) {
      values[j + 1] = values[j] ?? 0;
      j--;
    }
    values[j + 1] = value;
  }
}
