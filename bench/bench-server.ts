import type { Server } from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * What the two bench servers (`order-server.ts`, `ceiling-server.ts`) share: the counters they keep
 * and the IPC protocol with the load generator (`orders.ts`), which forks them so the servers and
 * autocannon do not share one event loop. A server announces its port, answers `stats` with its
 * counters, and exits on `stop` or when its parent goes away.
 */
export interface ServerStats {
  /** Round trips to PostgreSQL: statements sent together (pipelined) count once; COMMIT counts. */
  roundTrips: number;
  transactions: number;
  /** Milliseconds spent awaiting pool queries and whole transactions (overlapping across requests). */
  dbMs: number;
  /** Statements by shape (first words of the SQL), BEGIN and COMMIT included; only the app server fills it. */
  statements: Record<string, number>;
  cpuUserMs: number;
  cpuSystemMs: number;
  /** Event-loop utilization since start: near 1 means the server's one thread is saturated. */
  eventLoop: { idle: number; active: number };
}

export type ParentMessage = { type: 'stats' } | { type: 'stop' };
export type ChildMessage =
  | { type: 'listening'; port: number }
  | { type: 'stats'; stats: ServerStats }
  | { type: 'failed'; error: string };

export function newServerStats(): ServerStats {
  return {
    roundTrips: 0,
    transactions: 0,
    dbMs: 0,
    statements: {},
    cpuUserMs: 0,
    cpuSystemMs: 0,
    eventLoop: { idle: 0, active: 0 },
  };
}

interface BenchApp {
  listen(options: { host: string; port: number }): Promise<string>;
  close(): Promise<unknown>;
  server: Server;
}

/** Listens on a loopback port, tells the parent, and serves its `stats` and `stop` messages. */
export async function serveParent(app: BenchApp, stats: ServerStats, closeDatabase: () => Promise<void>) {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  const send = (message: ChildMessage) => process.send?.(message);
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'stats') {
      const cpu = process.cpuUsage();
      const loop = performance.eventLoopUtilization();
      send({
        type: 'stats',
        stats: {
          ...stats,
          statements: { ...stats.statements },
          cpuUserMs: cpu.user / 1000,
          cpuSystemMs: cpu.system / 1000,
          eventLoop: { idle: loop.idle, active: loop.active },
        },
      });
    } else if (message.type === 'stop') {
      void app
        .close()
        .then(closeDatabase)
        .finally(() => process.exit(0));
    }
  });
  // The parent died without saying stop: do not linger as an orphan holding connections.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'listening', port: address.port });
}

/** Runs a bench server's start-up; a failure is reported to the parent and exits 1. */
export function runBenchServer(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.send?.({
      type: 'failed',
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    } satisfies ChildMessage);
    process.exit(1);
  });
}
