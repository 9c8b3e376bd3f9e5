import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/http/app.js';
import { SimulatedGateway } from '../src/payments/simulated-gateway.js';
import type { Database, Transaction } from '../src/storage/database.js';
import { openPostgres } from '../src/storage/postgres-database.js';
import { newServerStats, runBenchServer, type ServerStats, serveParent } from './bench-server.js';

/**
 * The real Brigade app for `npm run bench:orders`, in a child process of the load generator so the
 * two do not share one event loop. Configured by environment (BENCH_DATABASE_URL, BENCH_JWT_SECRET,
 * BENCH_POOL_SIZE); talks to its parent over the IPC channel of `bench-server.ts`.
 *
 * The database is wrapped to count statements per shape, round trips (a pipelined flight of statements
 * counts once) and time spent awaiting them:
 * that is the profile the benchmark prints. The wrapper adds a Map update per query, which is noise
 * next to a network round trip.
 */
// SQL texts are constants in the code, so each is shaped once.
const shapes = new Map<string, string>();

function statementShape(sql: string): string {
  const known = shapes.get(sql);
  if (known !== undefined) return known;
  const shape = shapeOf(sql);
  shapes.set(sql, shape);
  return shape;
}

function shapeOf(sql: string): string {
  const words = sql.replace(/\s+/g, ' ').trim().split(' ');
  const verb = (words[0] ?? '').toUpperCase();
  // Enough words to tell `INSERT INTO outbox` from `INSERT INTO orders` and `UPDATE orders SET status` from
  // `UPDATE orders SET next_event_sequence`.
  const take = verb === 'SELECT' ? 10 : verb === 'UPDATE' ? 4 : 3;
  return words.slice(0, take).join(' ').slice(0, 90);
}

function countingDatabase(db: Database, stats: ServerStats): Database {
  const note = (shape: string) => {
    stats.statements[shape] = (stats.statements[shape] ?? 0) + 1;
  };
  const timed = async <T>(work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      stats.dbMs += performance.now() - started;
    }
  };
  // Statements a transaction issues while others are still unanswered are pipelined with them: one
  // round trip for the whole flight. The first flight carries BEGIN too, and COMMIT goes with the last
  // one when the work ends with commitAfter, or on its own.
  const counted = async <T>(work: (tx: Transaction) => Promise<T>, tx: Transaction): Promise<T> => {
    let unanswered = 0;
    let commitSent = false;
    const flight = <R>(shape: string, send: () => Promise<R>): Promise<R> => {
      note(shape);
      if (unanswered === 0) stats.roundTrips += 1;
      unanswered += 1;
      return send().finally(() => {
        unanswered -= 1;
      });
    };
    const result = await work({
      query: (sql, params) => flight(statementShape(sql), () => tx.query(sql, params)),
      exec: (sql) => flight(statementShape(sql), () => tx.exec(sql)),
      commitAfter: (lastWrites) => {
        commitSent = true;
        return flight('COMMIT', () => tx.commitAfter(lastWrites));
      },
    });
    if (!commitSent) {
      note('COMMIT');
      stats.roundTrips += 1;
    }
    return result;
  };
  return {
    kind: db.kind,
    query(sql, params) {
      note(statementShape(sql));
      stats.roundTrips += 1;
      return timed(() => db.query(sql, params));
    },
    exec(sql) {
      note(statementShape(sql));
      stats.roundTrips += 1;
      return timed(() => db.exec(sql));
    },
    transaction(work) {
      stats.transactions += 1;
      note('BEGIN');
      return timed(() => db.transaction((tx) => counted(work, tx)));
    },
    close: () => db.close(),
  };
}

async function main(): Promise<void> {
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  const jwtSecret = process.env.BENCH_JWT_SECRET;
  if (!databaseUrl || !jwtSecret || !process.send) {
    throw new Error(
      'order-server is started by bench/orders.ts (fork with BENCH_DATABASE_URL and BENCH_JWT_SECRET)',
    );
  }
  const stats = newServerStats();
  const poolSize = Number(process.env.BENCH_POOL_SIZE ?? '10');
  const db = countingDatabase(
    openPostgres({ connectionString: databaseUrl, maxConnections: poolSize }),
    stats,
  );
  const app = await buildApp({
    db,
    // The production defaults (src/config/config.ts).
    config: { accessTokenTtlSeconds: 900, refreshTokenTtlSeconds: 30 * 86_400, bodyLimitBytes: 256 * 1024 },
    jwtSecret,
    gateway: new SimulatedGateway(db),
  });
  await serveParent(app, stats, () => db.close());
}

runBenchServer(main);
