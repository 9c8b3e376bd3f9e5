import path from 'node:path';
import type { Database } from './database.js';
import { openPglite } from './pglite-database.js';
import { openPostgres } from './postgres-database.js';

/** `DATABASE_URL` set → PostgreSQL; absent → PGlite under `DATA_DIR/pglite`. */
export async function openDatabase(options: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  if (options.databaseUrl) return openPostgres({ connectionString: options.databaseUrl });
  return openPglite(path.join(options.dataDir, 'pglite'));
}
