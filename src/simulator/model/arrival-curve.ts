import type { SimLocation } from '../sim-world.js';

/**
 * Relative order intensity by local minute of the day: 1 plus sin² bumps at lunch 11:00–13:30 (×3)
 * and dinner 17:00–20:00 (×3.5), as in the reference generator. The late-night profile (ours: the
 * reference names one but not its shape) adds a bump from 21:30 to 01:30 (×2.5) for the bar crowd.
 */
interface Bump {
  from: number;
  length: number;
  height: number;
}

const STANDARD: Bump[] = [
  { from: 660, length: 150, height: 3 },
  { from: 1020, length: 180, height: 3.5 },
];
const LATE_NIGHT: Bump[] = [...STANDARD, { from: 1290, length: 240, height: 2.5 }];

function build(bumps: Bump[]): Float64Array {
  const weights = new Float64Array(1440);
  for (let minute = 0; minute < 1440; minute++) {
    let weight = 1;
    for (const bump of bumps) {
      // A bump may run past midnight: minute 30 is 1470 minutes after the previous midnight.
      const into = (minute - bump.from + 1440) % 1440;
      // Evaluated at the middle of the minute so the curve is symmetric minute by minute.
      if (into < bump.length) weight += bump.height * Math.sin((Math.PI * (into + 0.5)) / bump.length) ** 2;
    }
    weights[minute] = weight;
  }
  return weights;
}

const CURVES: Record<SimLocation['profile'], Float64Array> = {
  standard: build(STANDARD),
  late_night: build(LATE_NIGHT),
};

export function arrivalCurve(profile: SimLocation['profile']): Float64Array {
  return CURVES[profile];
}
