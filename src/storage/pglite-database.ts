import { PGlite } from '@electric-sql/pglite';
import { type Database, type QueryResult, settleAll, transactionOf } from './database.js';

/**
 * Embedded PostgreSQL (PGlite, WASM). One connection: PGlite serialises queries and holds its lock for
 * the length of a transaction, so concurrent requests queue instead of interleaving.
 * `dataDir` undefined keeps the database in memory (tests).
 */
export async function openPglite(dataDir?: string): Promise<Database> {
  // Same number parsing as the pg adapter: int8 (positions, sums) and numeric (coordinates) as numbers.
  const parsers = { 20: Number, 1700: Number };
  const db = dataDir ? await PGlite.create(dataDir, { parsers }) : await PGlite.create({ parsers });

  const run = async <Row>(client: Pick<PGlite, 'query'>, sql: string, params?: readonly unknown[]) => {
    const result = await client.query<Row>(sql, params as unknown[] | undefined);
    // PGlite reports affectedRows 0 for SELECT; a statement that returns rows counts its rows, as pg does.
    const rowCount = result.fields.length > 0 ? result.rows.length : (result.affectedRows ?? 0);
    return { rows: result.rows, rowCount } satisfies QueryResult<Row>;
  };

  // PGlite works on this thread and settles its promises at once, so calls made back to back (a relay
  // catching up, history being written) would never let the event loop turn: requests, timers and
  // queries queued meanwhile would wait for the whole run. Each call ends with one turn.
  const turned = async <T>(call: Promise<T>): Promise<T> => {
    try {
      return await call;
    } finally {
      await new Promise((resolve) => setImmediate(resolve));
    }
  };

  return {
    kind: 'pglite',
    query: (sql, params) => turned(run(db, sql, params)),
    transaction: (work) =>
      turned(
        db.transaction((tx) =>
          work(
            transactionOf(
              {
                query: (sql, params) => run(tx, sql, params),
                exec: async (sql) => {
                  await tx.exec(sql);
                },
              },
              // In process there is no round trip to save: PGlite commits when the work resolves.
              settleAll,
            ),
          ),
        ),
      ),
    async exec(sql) {
      await turned(db.exec(sql));
    },
    async close() {
      await db.close();
    },
  };
}
