import type { FeedClient } from './feed-client.js';

/** How many groups the clients are split into; one group gets its heartbeat per 1/ROUNDS of the interval. */
const ROUNDS = 25;

/**
 * Sends every client a heartbeat once per interval, a twenty-fifth of the clients at a time. Pinging
 * all of them at once is one synchronous loop of writes (and a burst of pongs to read back): with
 * 10,000 clients about 300 ms during which no event reaches anyone. Clients join the groups in turn,
 * so even a crowd that connected in the same second is spread over the interval.
 */
export class HeartbeatRounds {
  private readonly groups = Array.from({ length: ROUNDS }, () => new Set<FeedClient>());
  private readonly groupOf = new Map<FeedClient, Set<FeedClient>>();
  private nextJoin = 0;
  private nextRound = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly intervalMs: number) {}

  start(): void {
    this.timer = setInterval(() => this.round(), this.intervalMs / ROUNDS);
    // Listening sockets keep a server alive; the heartbeat alone must not keep a process from exiting.
    this.timer.unref();
  }

  /** Stops the rounds and forgets every client (the hub closes them all when it stops). */
  stop(): void {
    clearInterval(this.timer);
    for (const group of this.groups) group.clear();
    this.groupOf.clear();
  }

  add(client: FeedClient): void {
    if (this.groupOf.has(client)) return;
    const group = this.groups[this.nextJoin++ % ROUNDS] as Set<FeedClient>;
    group.add(client);
    this.groupOf.set(client, group);
  }

  remove(client: FeedClient): void {
    this.groupOf.get(client)?.delete(client);
    this.groupOf.delete(client);
  }

  private round(): void {
    const group = this.groups[this.nextRound++ % ROUNDS] as Set<FeedClient>;
    const nowMs = Date.now();
    // A client may close itself (dead peer, expired token) during the loop: deleting from a Set mid-loop is safe.
    for (const client of group) client.heartbeat(nowMs);
  }
}
