import type { Rng } from '../model/rng.js';
import { type StreamPart, streamFor } from '../model/stream-seed.js';

/**
 * The draws the demo world is built with, on the simulator's own generator (sfc32 streams named by
 * their coordinates, src/simulator/model/). A stream is named by the seed and a path of labels:
 * `fork(label)` names a child by its label alone, not by what was drawn before, so adding a draw in one
 * part of the world does not shift the others.
 */
export class SeededRandom {
  private readonly rng: Rng;

  constructor(
    private readonly seed: number,
    private readonly path: readonly StreamPart[] = [],
  ) {
    this.rng = streamFor('demo-world', seed, ...path);
  }

  /** The stream for one part of the world, named by `label` (the same label gives the same stream). */
  fork(label: string): SeededRandom {
    return new SeededRandom(this.seed, [...this.path, label]);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.rng.float();
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return this.rng.uniform(min, max);
  }

  /** A whole number in [min, max], both included. */
  int(min: number, max: number): number {
    return this.rng.int(min, max);
  }

  chance(probability: number): boolean {
    return this.rng.chance(probability);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('cannot pick from an empty list');
    return items[this.rng.int(0, items.length - 1)] as T;
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.rng.int(0, i);
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  }

  /** `count` distinct items, in the order drawn. */
  sample<T>(items: readonly T[], count: number): T[] {
    if (count > items.length) throw new Error(`cannot sample ${count} of ${items.length} items`);
    return this.shuffle(items).slice(0, count);
  }
}
