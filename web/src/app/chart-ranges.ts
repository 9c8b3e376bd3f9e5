import type uPlot from 'uplot';

/**
 * An x range that holds whole bars: the data's span plus half the narrowest gap between two of the
 * values on either side, so the first and last bars are not cut in half by the plot's edges.
 */
export function barXRange(xs: readonly number[]): uPlot.Range.Function {
  const sorted = [...xs].sort((a, b) => a - b);
  let gap = Number.POSITIVE_INFINITY;
  for (let index = 1; index < sorted.length; index++) {
    const step = (sorted[index] ?? 0) - (sorted[index - 1] ?? 0);
    if (step > 0) gap = Math.min(gap, step);
  }
  const half = Number.isFinite(gap) ? gap / 2 : 1;
  return (_u, min, max) => [min - half, max + half];
}

/** A y range that includes zero: bars drawn from a baseline above zero misstate their ratios. */
export const fromZero: uPlot.Range.Function = (_u, min, max) => {
  const low = Math.min(0, min);
  const high = Math.max(0, max);
  return [low, high > low ? high : low + 1];
};
