import { describe, expect, it } from 'vitest';
import {
  describeCounts,
  isWorthKeeping,
  summarizeBatch,
} from '../../../src/ingest-connectors/batch-summary.js';
import { EventBatcher } from '../../../src/ingest-connectors/event-batcher.js';

describe('event batcher', () => {
  it('cuts batches when full, and after the wait when not', async () => {
    const flushed: number[][] = [];
    const batcher = new EventBatcher<number>({
      maxItems: 3,
      maxWaitMs: 30,
      flush: async (items) => {
        flushed.push(items);
      },
    });
    for (const item of [1, 2, 3, 4]) batcher.add(item);
    await batcher.settle();
    expect(flushed).toEqual([[1, 2, 3]]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(flushed).toEqual([[1, 2, 3], [4]]);
    batcher.add(5);
    await batcher.close();
    expect(flushed).toEqual([[1, 2, 3], [4], [5]]);
  });

  it('flushes one batch at a time, in order, and counts the backlog', async () => {
    const order: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const batcher = new EventBatcher<string>({
      maxItems: 1,
      maxWaitMs: 1000,
      flush: async ([item]) => {
        order.push(`start ${item}`);
        if (item === 'a') await gate;
        order.push(`end ${item}`);
      },
    });
    batcher.add('a');
    batcher.add('b');
    expect(batcher.backlog).toBe(2);
    release();
    await batcher.settle();
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b']);
    expect(batcher.backlog).toBe(0);
  });

  it('stops at a failed flush: later batches are dropped and the failure is thrown', async () => {
    const flushed: number[][] = [];
    const failures: unknown[] = [];
    const batcher = new EventBatcher<number>({
      maxItems: 1,
      maxWaitMs: 1000,
      flush: async (items) => {
        if (items[0] === 1) throw new Error('database gone');
        flushed.push(items);
      },
      onFailure: (error) => failures.push(error),
    });
    batcher.add(1);
    batcher.add(2);
    await expect(batcher.settle()).rejects.toThrow('database gone');
    expect(() => batcher.add(3)).toThrow('database gone');
    expect(flushed).toEqual([]);
    expect(failures).toHaveLength(1);
  });
});

describe('batch summary', () => {
  it('counts rejections by code and keeps where each event came from', () => {
    const items = ['x', 'y', 'z'].map((event, index) => ({ event, position: `offset ${index + 10}` }));
    const summary = summarizeBatch(
      {
        accepted: 1,
        duplicates: 0,
        rejected: 2,
        results: [
          { index: 0, event_id: 'a', status: 'accepted' },
          { index: 1, event_id: 'b', status: 'rejected', code: 'unsupported_type', reason: 'menu.changed' },
          { index: 2, event_id: null, status: 'rejected', code: 'order_unknown', reason: 'no order' },
        ],
      },
      items,
    );
    expect(summary).toMatchObject({ events: 3, accepted: 1, rejected: 2 });
    expect(summary.rejectedByCode).toEqual({ unsupported_type: 1, order_unknown: 1 });
    expect(summary.rejections.map((rejection) => [rejection.position, isWorthKeeping(rejection)])).toEqual([
      ['offset 11', false],
      ['offset 12', true],
    ]);
    expect(summary.rejections[1]).toMatchObject({ eventId: null, event: 'z', reason: 'no order' });
    expect(describeCounts(summary.rejectedByCode)).toBe('1 order_unknown, 1 unsupported_type');
  });
});
