import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { Database } from '../storage/database.js';
import { migrate } from '../storage/migrator.js';
import { openDatabase } from '../storage/open-database.js';

/** Opens the configured database and applies pending migrations; closes it again if migrating fails. */
export async function prepareDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  logger: Logger,
): Promise<{ db: Database; applied: number[] }> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrate(db);
    logger.info(
      { database: db.kind, applied },
      applied.length > 0 ? 'migrations applied' : 'schema up to date',
    );
    return { db, applied };
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}
