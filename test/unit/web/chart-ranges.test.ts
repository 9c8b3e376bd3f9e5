import type uPlot from 'uplot';
import { describe, expect, it } from 'vitest';
import { barXRange, fromZero } from '../../../web/src/app/chart-ranges.js';

const chart = {} as uPlot;
const DAY = 86_400;

describe('chart ranges', () => {
  it('widens the x range by half the narrowest gap, so the edge bars are whole', () => {
    const days = [3 * DAY, 1 * DAY, 2 * DAY, 5 * DAY];
    expect(barXRange(days)(chart, 1 * DAY, 5 * DAY, 'x')).toEqual([0.5 * DAY, 5.5 * DAY]);
    // Categories 0 … n-1, repeated values, a single value: half a unit either side.
    expect(barXRange([0, 1, 2])(chart, 0, 2, 'x')).toEqual([-0.5, 2.5]);
    expect(barXRange([7, 7])(chart, 7, 7, 'x')).toEqual([6, 8]);
    expect(barXRange([])(chart, 0, 0, 'x')).toEqual([-1, 1]);
  });

  it('starts the y range at zero (or ends it there for negative values), never empty', () => {
    expect(fromZero(chart, 640, 4588, 'y')).toEqual([0, 4588]);
    expect(fromZero(chart, -20, -5, 'y')).toEqual([-20, 0]);
    expect(fromZero(chart, -20, 30, 'y')).toEqual([-20, 30]);
    expect(fromZero(chart, 0, 0, 'y')).toEqual([0, 1]);
  });
});
