import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { demoPasswordsForSeeding } from '../demo/demo-credentials.js';
import { databaseHasBusinesses, demoIsSeeded, seedDemo } from '../demo/seed-demo.js';
import type { Database } from '../storage/database.js';

export type DemoSeedPolicy = 'when-empty' | 'unless-seeded';

/**
 * Seeds the demo business. `brigade start` uses 'when-empty' (a database with any business of its own
 * is left alone); `brigade seed-demo` uses 'unless-seeded'. Returns whether the demo is present now.
 */
export async function ensureDemo(
  db: Database,
  config: Pick<Config, 'dataDir' | 'demoPassword'>,
  policy: DemoSeedPolicy,
  logger: Logger,
): Promise<{ present: boolean; seededNow: boolean }> {
  if (await demoIsSeeded(db)) return { present: true, seededNow: false };
  if (policy === 'when-empty' && (await databaseHasBusinesses(db)))
    return { present: false, seededNow: false };
  const passwords = await demoPasswordsForSeeding(config.dataDir, config.demoPassword);
  const result = await seedDemo(db, passwords);
  if (result.seeded)
    logger.info({ businessId: result.businessId, events: result.events }, 'demo business seeded');
  return { present: true, seededNow: result.seeded };
}
