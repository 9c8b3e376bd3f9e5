import { createHash } from 'node:crypto';
import type { Duplex } from 'node:stream';
import pg from 'pg';
import { type Database, type QueryResult, transactionOf } from './database.js';

// int8 (bigint) columns hold outbox positions and aggregate sums; they fit in a double for any
// realistic volume, so they are parsed as numbers rather than strings.
pg.types.setTypeParser(20, (value) => Number(value));
// numeric is used only for coordinates; parse it as a number too.
pg.types.setTypeParser(1700, (value) => Number(value));

const names = new Map<string, string>();
function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `b_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
    names.set(sql, name);
  }
  return name;
}

/**
 * PostgreSQL answers COMMIT with ROLLBACK, not an error, when a statement of the transaction failed:
 * possible when the work issued one without awaiting it and never looked. Nothing was written then.
 */
function committed(result: pg.QueryResult): void {
  if (result.command !== 'COMMIT') {
    throw new Error(
      `the transaction was rolled back at commit (${result.command}): one of its statements failed`,
    );
  }
}

/**
 * pg writes every statement with a system call of its own, and those writes were about a third of
 * the API process's CPU samples while placing orders. A transaction's statements issued in one tick
 * (a pipelined flight, BEGIN included) are held in the socket and leave in one write when it ends.
 */
function tickCork(stream: Duplex): () => void {
  let corked = false;
  return () => {
    if (corked) return;
    corked = true;
    stream.cork();
    process.nextTick(() => {
      corked = false;
      stream.uncork();
    });
  };
}

export interface PostgresOptions {
  connectionString: string;
  maxConnections?: number;
}

export function openPostgres(options: PostgresOptions): Database {
  // Pipeline mode: statements a transaction issues without awaiting the previous one go out at once
  // and are answered in order, so independent writes cost one round trip together, not one each.
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    pipeline: true,
  });
  // An idle client that errors (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});

  const run = async <Row>(client: pg.Pool | pg.PoolClient, sql: string, params?: readonly unknown[]) => {
    // Named statements are parsed and planned once per connection, then only bound and executed:
    // the hot paths run the same few statements over and over. The name is derived from the text,
    // so the set of names stays as small as the set of distinct statements.
    const result = await client.query({
      name: statementName(sql),
      text: sql,
      values: params as unknown[] | undefined,
    });
    return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 } satisfies QueryResult<Row>;
  };

  return {
    kind: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    async transaction(work) {
      const client = await pool.connect();
      // Between statements the client is checked out and the pool no longer listens to it: a server
      // restart then emits 'error' on the client itself, which would crash the process unheard.
      let broken: Error | undefined;
      const onError = (error: Error) => {
        broken = error;
      };
      client.on('error', onError);
      const cork = tickCork((client as unknown as pg.Client).connection.stream);
      let commit: Promise<pg.QueryResult> | undefined;
      const tx = transactionOf(
        {
          query: (sql, params) => {
            cork();
            return run(client, sql, params);
          },
          exec: async (sql) => {
            cork();
            await client.query(sql);
          },
        },
        async (lastWrites) => {
          cork();
          commit = client.query('COMMIT');
          const [ended, ...writes] = await Promise.allSettled([commit, ...lastWrites]);
          const failed = writes.find((outcome) => outcome.status === 'rejected');
          if (ended.status === 'rejected') throw failed?.reason ?? ended.reason;
          // Only a failure outside the statements can come with a successful COMMIT: a write that issued
          // a statement after COMMIT (refused), or checked its result in code and threw.
          if (failed && ended.value.command === 'COMMIT') {
            throw new Error(
              'commitAfter: the transaction committed, but one of its last writes failed after it',
              {
                cause: failed.reason,
              },
            );
          }
          if (failed) throw failed.reason;
          committed(ended.value);
        },
      );
      try {
        // BEGIN is not awaited: it travels with the transaction's first statement. It cannot fail on
        // a healthy connection, and a broken one fails every statement behind it too.
        cork();
        const begun = client.query('BEGIN');
        begun.catch(() => {});
        const result = await work(tx);
        await begun;
        // After commitAfter, COMMIT is already answered and checked.
        if (commit) await commit;
        else committed(await client.query('COMMIT'));
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.off('error', onError);
        // A broken connection is destroyed rather than handed to the next caller.
        client.release(broken);
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async close() {
      await pool.end();
    },
  };
}
