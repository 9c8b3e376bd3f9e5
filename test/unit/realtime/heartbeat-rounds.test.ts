import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FeedClient } from '../../../src/realtime/feed-client.js';
import { HeartbeatRounds } from '../../../src/realtime/heartbeat-rounds.js';

/** A connection that records when it got its heartbeats. */
class RecordingClient implements FeedClient {
  readonly topic = 'dashboard:b1' as const;
  readonly beats: number[] = [];
  deliver(): void {}
  heartbeat(nowMs: number): void {
    this.beats.push(nowMs);
  }
  shutdown(): void {}
}

describe('HeartbeatRounds', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives every client one heartbeat per interval, spread evenly over it even when all joined at once', () => {
    const rounds = new HeartbeatRounds(25_000);
    const clients = Array.from({ length: 1000 }, () => new RecordingClient());
    for (const client of clients) rounds.add(client);
    rounds.start();

    vi.advanceTimersByTime(25_000);
    expect(clients.every((client) => client.beats.length === 1)).toBe(true);
    const perMoment = new Map<number, number>();
    for (const client of clients)
      perMoment.set(client.beats[0] ?? -1, (perMoment.get(client.beats[0] ?? -1) ?? 0) + 1);
    // 25 rounds a second apart, 40 clients each, instead of 1,000 clients in one loop.
    expect([...perMoment.keys()].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 25 }, (_, i) => (i + 1) * 1000),
    );
    expect([...perMoment.values()].every((count) => count === 40)).toBe(true);

    vi.advanceTimersByTime(25_000);
    expect(
      clients.every(
        (client) => client.beats.length === 2 && (client.beats[1] ?? 0) - (client.beats[0] ?? 0) === 25_000,
      ),
    ).toBe(true);
    rounds.stop();
  });

  it('stops beating a removed client, and beats none after stop', () => {
    const rounds = new HeartbeatRounds(1000);
    const kept = new RecordingClient();
    const removed = new RecordingClient();
    rounds.add(kept);
    rounds.add(removed);
    rounds.start();
    rounds.remove(removed);
    vi.advanceTimersByTime(1000);
    expect([kept.beats.length, removed.beats.length]).toEqual([1, 0]);
    rounds.stop();
    vi.advanceTimersByTime(5000);
    expect(kept.beats.length).toBe(1);
  });
});
