import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { demoPasswordsForSeeding } from '../demo/demo-credentials.js';
import { demoWorld } from '../demo/demo-world.js';
import { databaseHasBusinesses, seedDemo, seededDemoBusinesses } from '../demo/seed-demo.js';
import type { Database } from '../storage/database.js';

export type DemoSeedPolicy = 'when-empty' | 'unless-seeded';

/**
 * Seeds the demo world (its businesses one transaction each). `brigade start` uses 'when-empty': a
 * database with any business of its own is left alone, but one that holds part of the demo (seeded by
 * an older version, or interrupted between businesses) gets the rest. `brigade seed-demo` uses
 * 'unless-seeded'. Returns whether the demo is present now.
 */
export async function ensureDemo(
  db: Database,
  config: Pick<Config, 'dataDir' | 'demoPassword'>,
  policy: DemoSeedPolicy,
  logger: Logger,
): Promise<{ present: boolean; seededNow: boolean }> {
  const world = demoWorld();
  const present = (await seededDemoBusinesses(db, world)).size;
  if (present === world.businesses.length) return { present: true, seededNow: false };
  if (policy === 'when-empty' && present === 0 && (await databaseHasBusinesses(db)))
    return { present: false, seededNow: false };
  const passwords = await demoPasswordsForSeeding(config.dataDir, config.demoPassword);
  const started = performance.now();
  const results = await seedDemo(db, passwords, world);
  const seeded = results.filter((result) => result.seeded);
  if (seeded.length > 0) {
    logger.info(
      {
        businesses: seeded.map(({ businessKey, businessId }) => ({ businessKey, businessId })),
        events: seeded.reduce((sum, result) => sum + result.events, 0),
        ms: Math.round(performance.now() - started),
      },
      'demo world seeded',
    );
  }
  return { present: true, seededNow: seeded.length > 0 };
}
