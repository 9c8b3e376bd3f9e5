import { describe, expect, it } from 'vitest';
import { logFactorial } from '../../../../src/simulator/model/rng.js';
import { streamFor } from '../../../../src/simulator/model/stream-seed.js';
import { WeightedTable } from '../../../../src/simulator/model/weighted-table.js';
import { expectShare, mean, sd } from './stats.js';

const N = 200_000;

function draws(make: () => number, n = N): number[] {
  return Array.from({ length: n }, make);
}

describe('Rng', () => {
  it('is a pure function of its stream name', () => {
    const a = streamFor(1, 'biz', 'loc', 200);
    const b = streamFor(1, 'biz', 'loc', 200);
    const c = streamFor(1, 'biz', 'loc', 201);
    const first = draws(() => a.next(), 100);
    expect(draws(() => b.next(), 100)).toEqual(first);
    expect(draws(() => c.next(), 100)).not.toEqual(first);
    // Parts are not concatenated: ('ab', 'c') and ('a', 'bc') are different streams.
    expect(streamFor('ab', 'c').next()).not.toBe(streamFor('a', 'bc').next());
  });

  it('draws uniforms on [0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = streamFor('uniform');
    const values = draws(() => rng.float());
    expect(values.every((x) => x >= 0 && x < 1)).toBe(true);
    // Standard error of the mean: √(1/12 / N) ≈ 0.00065.
    expect(Math.abs(mean(values) - 0.5)).toBeLessThan(0.004);
    expect(Math.abs(sd(values) ** 2 - 1 / 12)).toBeLessThan(0.002);
  });

  it('draws integers on the inclusive range, each equally often', () => {
    const rng = streamFor('int');
    const values = draws(() => rng.int(3, 8));
    expect(new Set(values)).toEqual(new Set([3, 4, 5, 6, 7, 8]));
    for (let v = 3; v <= 8; v++) expectShare(values.filter((x) => x === v).length, N, 1 / 6, `int ${v}`);
  });

  it('draws normals with the given mean and standard deviation', () => {
    const rng = streamFor('normal');
    const values = draws(() => rng.normal(10, 3));
    expect(Math.abs(mean(values) - 10)).toBeLessThan(0.04);
    expect(Math.abs(sd(values) - 3)).toBeLessThan(0.04);
    // About 68.3 % within one deviation.
    expectShare(values.filter((x) => Math.abs(x - 10) < 3).length, N, 0.6827, 'one sigma');
  });

  it.each([0.3, 4, 29.5, 30, 75, 1_000])('draws Poisson(%s) with mean and variance λ', (lambda) => {
    const rng = streamFor('poisson', lambda);
    const n = 50_000;
    const values = draws(() => rng.poisson(lambda), n);
    expect(values.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    // Mean: standard error √(λ/n); variance: roughly λ√(2/n).
    expect(Math.abs(mean(values) - lambda)).toBeLessThan(5 * Math.sqrt(lambda / n));
    expect(Math.abs(sd(values) ** 2 - lambda)).toBeLessThan(5 * lambda * Math.sqrt(2 / n) + 0.01);
    // P(X = 0) = e^-λ where it is large enough to see.
    if (lambda < 5) expectShare(values.filter((x) => x === 0).length, n, Math.exp(-lambda), 'zero');
  });

  it('computes ln(k!) exactly for small k and by Stirling beyond', () => {
    let exact = 0;
    for (let k = 1; k <= 40; k++) {
      exact += Math.log(k);
      expect(logFactorial(k)).toBeCloseTo(exact, 9);
    }
  });
});

describe('WeightedTable', () => {
  it('draws each value in proportion to its weight and never a zero weight', () => {
    const table = new WeightedTable([
      ['a', 60],
      ['b', 0],
      ['c', 28],
      ['d', 12],
    ]);
    const rng = streamFor('table');
    const values = Array.from({ length: N }, () => table.pick(rng));
    expect(values).not.toContain('b');
    expectShare(values.filter((v) => v === 'a').length, N, 0.6, 'a');
    expectShare(values.filter((v) => v === 'c').length, N, 0.28, 'c');
    expectShare(values.filter((v) => v === 'd').length, N, 0.12, 'd');
  });

  it('uses a binary search on long tables with the same result as a scan', () => {
    const weights = Array.from({ length: 100 }, (_, i) => [i, (i % 7) + 1] as const);
    const table = new WeightedTable(weights);
    const rng = streamFor('long');
    const counts = new Array<number>(100).fill(0);
    for (let i = 0; i < N; i++) {
      const value = table.pick(rng);
      counts[value] = (counts[value] ?? 0) + 1;
    }
    const total = weights.reduce((sum, [, w]) => sum + w, 0);
    for (const [value, weight] of weights)
      expectShare(counts[value] ?? 0, N, weight / total, `value ${value}`);
  });
});
