import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { demoPasswordsForSeeding } from '../demo/demo-credentials.js';
import { demoWorld } from '../demo/demo-world.js';
import {
  databaseHasBusinesses,
  type SeedOptions,
  seedDemo,
  seededDemoBusinesses,
} from '../demo/seed-demo.js';
import type { Database } from '../storage/database.js';

export type DemoSeedPolicy = 'when-empty' | 'unless-seeded';

export interface DemoPresence {
  /** The demo's businesses are all in the database now. */
  present: boolean;
  /** This call seeded some of them. */
  seededNow: boolean;
  /** This call seeded every one of them (so each has the history mark it was given). */
  wholeSeededNow: boolean;
}

/**
 * Seeds the demo world (its businesses one transaction each). `brigade start` uses 'when-empty': a
 * database with any business of its own is left alone, but one that holds part of the demo (seeded by
 * an older version, or interrupted between businesses) gets the rest. `brigade seed-demo` uses
 * 'unless-seeded'. `options.historyThrough` marks the businesses it creates (SeedOptions).
 */
export async function ensureDemo(
  db: Database,
  config: Pick<Config, 'dataDir' | 'demoPassword'>,
  policy: DemoSeedPolicy,
  logger: Logger,
  options: SeedOptions = {},
): Promise<DemoPresence> {
  const world = demoWorld();
  const present = (await seededDemoBusinesses(db, world)).size;
  if (present === world.businesses.length) return { present: true, seededNow: false, wholeSeededNow: false };
  if (policy === 'when-empty' && present === 0 && (await databaseHasBusinesses(db)))
    return { present: false, seededNow: false, wholeSeededNow: false };
  const passwords = await demoPasswordsForSeeding(config.dataDir, config.demoPassword);
  const started = performance.now();
  const results = await seedDemo(db, passwords, world, options);
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
  return {
    present: true,
    seededNow: seeded.length > 0,
    wholeSeededNow: seeded.length === world.businesses.length,
  };
}
