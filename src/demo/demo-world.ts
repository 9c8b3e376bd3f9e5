import { SeededRandom } from '../simulator/world/seeded-random.js';
import type { DemoUser, DemoWorld } from './demo-catalog.js';
import { buildLanternRow } from './lantern-row.js';
import { buildNorthwind } from './northwind-chain.js';

/** The seed `brigade start` seeds the demo with; the simulator must build its view from the same one. */
export const DEMO_SEED = 20_251_101;

/**
 * Day 0 of the demo's growth curves and brand windows. Fixed, so the world does not depend on the day
 * it is built: about a year before the demo was first shipped, so a year of backfill ending "now" finds
 * brands launching, growing, declining and closing along the way.
 */
export const DEMO_EPOCH = '2025-11-01';

export interface DemoWorldOptions {
  seed?: number;
  epoch?: string;
}

/**
 * The demo world: a 12-restaurant Ontario chain and a four-kitchen ghost-kitchen operator. Pure and
 * deterministic: the same seed and epoch give a deep-equal world (and the same JSON). Each business
 * draws from its own stream, so changing one never reshuffles the other.
 */
export function buildDemoWorld(options: DemoWorldOptions = {}): DemoWorld {
  const seed = options.seed ?? DEMO_SEED;
  const epoch = options.epoch ?? DEMO_EPOCH;
  const random = new SeededRandom(seed);
  const northwind = random.fork('northwind');
  const lanternRow = random.fork('lantern-row');
  return { seed, epoch, businesses: [buildNorthwind(northwind, epoch), buildLanternRow(lanternRow, epoch)] };
}

let defaultWorld: DemoWorld | undefined;

/** The world `brigade start` seeds (built once per process). */
export function demoWorld(): DemoWorld {
  defaultWorld ??= buildDemoWorld();
  return defaultWorld;
}

/** Every user of every business, in business order. */
export function demoWorldUsers(world: DemoWorld): DemoUser[] {
  return world.businesses.flatMap((business) => business.users);
}
