import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../../src/storage/database.js';
import { migrate } from '../../src/storage/migrator.js';
import { openPglite } from '../../src/storage/pglite-database.js';
import { openPostgres } from '../../src/storage/postgres-database.js';

/**
 * The databases every integration suite runs on: embedded PGlite always, and the machine's
 * PostgreSQL (DATABASE_URL, default the local server) when it is reachable. Without it the suite is
 * skipped loudly — unless REQUIRE_SERVICES=1, where an unreachable server fails the run.
 */
export const POSTGRES_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const requireServices = process.env.REQUIRE_SERVICES === '1';

export interface TestDatabaseKind {
  name: 'pglite' | 'postgres';
  /** A fresh, migrated, empty database for one suite. */
  open(): Promise<Database>;
}

let postgresReachable: boolean | undefined;
export async function isPostgresReachable(): Promise<boolean> {
  if (postgresReachable !== undefined) return postgresReachable;
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    postgresReachable = true;
  } catch (error) {
    if (requireServices) {
      throw new Error(
        `REQUIRE_SERVICES=1 but PostgreSQL at ${POSTGRES_URL} is unreachable: ${String(error)}`,
      );
    }
    console.warn(`\n*** SKIPPING PostgreSQL suites: ${POSTGRES_URL} unreachable (${String(error)}) ***\n`);
    postgresReachable = false;
  } finally {
    await client.end().catch(() => {});
  }
  return postgresReachable;
}

/** Creates a throwaway database on the server, so suites running in parallel never share rows. */
export async function createScratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `brigade_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function databaseKinds(): Promise<TestDatabaseKind[]> {
  const kinds: TestDatabaseKind[] = [
    {
      name: 'pglite',
      async open() {
        const db = await openPglite();
        await migrate(db);
        return db;
      },
    },
  ];
  if (await isPostgresReachable()) {
    kinds.push({
      name: 'postgres',
      async open() {
        const scratch = await createScratchDatabase();
        const db = openPostgres({ connectionString: scratch.url, maxConnections: 20 });
        await migrate(db);
        const close = db.close.bind(db);
        return {
          ...db,
          async close() {
            await close();
            await scratch.drop();
          },
        };
      },
    });
  }
  return kinds;
}
