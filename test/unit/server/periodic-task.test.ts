import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startPeriodicTask } from '../../../src/server/periodic-task.js';

describe('startPeriodicTask', () => {
  it('runs at once, then again and again, never two runs at a time, and goes on after a failure', async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    const errors: unknown[] = [];
    const task = startPeriodicTask(
      async () => {
        runs += 1;
        running += 1;
        most = Math.max(most, running);
        await sleep(15);
        running -= 1;
        if (runs === 2) throw new Error('second run fails');
      },
      // Shorter than a run: the schedule would overlap runs if it did not wait for the previous one.
      2,
      (error) => errors.push(error),
    );
    expect(runs).toBe(0);
    await sleep(0);
    expect(runs).toBe(1);
    while (runs < 4) await sleep(5);
    await task.stop();
    const stoppedAt = runs;
    expect(running).toBe(0);
    expect(most).toBe(1);
    expect(errors).toEqual([new Error('second run fails')]);
    await sleep(30);
    expect(runs).toBe(stoppedAt);
  });
});
