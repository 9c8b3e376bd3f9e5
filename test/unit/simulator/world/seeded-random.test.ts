import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../src/simulator/world/seeded-random.js';

const draws = (random: SeededRandom, n: number) => Array.from({ length: n }, () => random.next());

describe("SeededRandom (the demo world's draws)", () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    expect(draws(new SeededRandom(42), 20)).toEqual(draws(new SeededRandom(42), 20));
    expect(draws(new SeededRandom(42), 20)).not.toEqual(draws(new SeededRandom(43), 20));
  });

  it('forks streams from the seed and label alone, not from what was drawn before', () => {
    const fresh = new SeededRandom(7);
    const used = new SeededRandom(7);
    draws(used, 100);
    expect(draws(used.fork('menu'), 10)).toEqual(draws(fresh.fork('menu'), 10));
    expect(draws(fresh.fork('menu'), 10)).not.toEqual(draws(fresh.fork('staff'), 10));
  });

  it('keeps int, between and pick inside their bounds and covers them', () => {
    const random = new SeededRandom(1);
    const ints = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const value = random.int(3, 7);
      expect(value).toBeGreaterThanOrEqual(3);
      expect(value).toBeLessThanOrEqual(7);
      ints.add(value);
      const real = random.between(-2, 2);
      expect(real).toBeGreaterThanOrEqual(-2);
      expect(real).toBeLessThan(2);
    }
    expect([...ints].sort()).toEqual([3, 4, 5, 6, 7]);
    expect(['a', 'b', 'c']).toContain(random.pick(['a', 'b', 'c']));
  });

  it('samples distinct items and shuffles without losing any', () => {
    const random = new SeededRandom(5);
    const items = Array.from({ length: 10 }, (_, i) => i);
    const sample = random.sample(items, 4);
    expect(new Set(sample).size).toBe(4);
    expect(random.shuffle(items).sort((a, b) => a - b)).toEqual(items);
    expect(() => random.sample(items, 11)).toThrow();
  });
});
