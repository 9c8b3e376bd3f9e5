import type { Logger } from 'pino';
import type { Config } from '../../config/config.js';
import { readStoredDemoPasswords } from '../../demo/demo-credentials.js';
import { compileWorld } from '../model/compile-world.js';
import { orderPlanner } from '../model/plan-orders.js';
import { shiftsOverlapping } from '../model/staff-shifts.js';
import { demoSimWorld } from '../world/demo-sim-world.js';
import { BrigadeClient } from './brigade-client.js';
import { LiveSimulation } from './live-simulation.js';
import { SimulatedPeople } from './simulated-people.js';

/** The simulation signs in as the demo staff, so it must know their passwords before it starts. */
export class DemoPasswordsUnknownError extends Error {
  readonly code = 'DEMO_PASSWORDS_UNKNOWN';
  constructor(dataDir: string) {
    super(
      `no demo passwords: ${dataDir}/demo-credentials.json does not exist and BRIGADE_DEMO_PASSWORD is not set; run the simulation with the DATA_DIR of the Brigade it drives, or with the BRIGADE_DEMO_PASSWORD it was seeded with`,
    );
  }
}

export interface LiveSimulationSettings {
  speed: number;
  concurrency: number;
  seed: number;
  /** Where simulated time starts (default: now). */
  start?: number;
}

/**
 * The live simulation of the demo world against the Brigade at `url`: staff and drivers sign in with
 * the demo passwords (BRIGADE_DEMO_PASSWORD, else the ones generated under DATA_DIR), customers with
 * passwords derived from the token secret (`resolveSecrets`), which the caller has already read. Not
 * started: call start().
 */
export async function openLiveSimulation(
  config: Pick<Config, 'dataDir' | 'demoPassword'>,
  jwtSecret: string,
  url: string,
  settings: LiveSimulationSettings,
  logger: Logger,
): Promise<LiveSimulation> {
  const world = demoSimWorld();
  const compiled = compileWorld(world);
  const stored = config.demoPassword ? undefined : await readStoredDemoPasswords(config.dataDir);
  if (!config.demoPassword && !stored) throw new DemoPasswordsUnknownError(config.dataDir);
  return new LiveSimulation({
    world,
    planner: orderPlanner(compiled, settings.seed),
    shifts: (from, to) => shiftsOverlapping(compiled, from, to),
    client: new BrigadeClient(url),
    people: new SimulatedPeople((email) => config.demoPassword ?? stored?.[email], jwtSecret),
    speed: settings.speed,
    concurrency: settings.concurrency,
    logger,
    ...(settings.start === undefined ? {} : { start: settings.start }),
  });
}
