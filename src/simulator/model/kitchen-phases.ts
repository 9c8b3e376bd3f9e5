import type { PlannedOrder } from '../planned-order.js';
import { roundMinutes } from './minutes.js';
import { MIN_PHASE_MINUTES, PHASE_MINUTES } from './reference-mix.js';
import type { Rng } from './rng.js';

/** A phase length ~ Normal(mean, sd), never shorter than MIN_PHASE_MINUTES. */
export function phaseMinutes(rng: Rng, [mean, sd]: readonly [number, number], scale = 1): number {
  return Math.max(MIN_PHASE_MINUTES, rng.normal(mean * scale, sd * scale));
}

/**
 * placed → started (2, 1), started → finished (10, 3) × the brand's prep time / 10 (the slowest brand
 * of a basket sets the pace), finished → ready (2, 1). Each phase is at least half a minute, so the
 * three offsets strictly increase even after rounding.
 */
export function drawKitchen(rng: Rng, prepScale: number): PlannedOrder['kitchen'] {
  const started = phaseMinutes(rng, PHASE_MINUTES.placedToStarted);
  const finished = started + phaseMinutes(rng, PHASE_MINUTES.startedToFinished, prepScale);
  const ready = finished + phaseMinutes(rng, PHASE_MINUTES.finishedToReady);
  return {
    startedAfter: roundMinutes(started),
    finishedAfter: roundMinutes(finished),
    readyAfter: roundMinutes(ready),
  };
}
