import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { resolveSecrets } from '../config/secrets.js';
import { exitOnSignals } from '../server/graceful-shutdown.js';
import { openLiveSimulation } from '../simulator/live/open-live-simulation.js';
import { runAction } from './run-action.js';

function positiveInteger(raw: string): number {
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 1)
    throw new InvalidArgumentError('expected a whole number above 0');
  return value;
}

/**
 * `brigade simulate --live`: plays the demo world against a running Brigade through its public API.
 * `brigade start` does the same in-process; this runs it against any instance (another host, or a
 * server started with BRIGADE_SIMULATOR=off) that was seeded with the demo.
 */
export function addSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description('simulate the demo world against a running Brigade (customers, cooks, managers, drivers)')
    .requiredOption('--live', 'drive the platform through its HTTP API in (accelerated) real time')
    .option('--url <url>', 'the Brigade to drive (default: http://127.0.0.1:$PORT)')
    .option(
      '--speed <times>',
      'simulated seconds per real second (default: BRIGADE_SIMULATOR_SPEED)',
      positiveInteger,
    )
    .option('--seed <seed>', 'behaviour seed (default: BRIGADE_SIMULATOR_SEED)', positiveInteger)
    .option(
      '--minutes <minutes>',
      'stop after this many real minutes (default: run until interrupted)',
      positiveInteger,
    )
    .action((options: { url?: string; speed?: number; seed?: number; minutes?: number }) =>
      runAction(async (config, logger) => {
        const url = options.url ?? `http://127.0.0.1:${config.port}`;
        const { jwtSecret } = await resolveSecrets(config.dataDir, config.jwtSecret);
        const speed = options.speed ?? config.simulator.speed;
        const simulation = await openLiveSimulation(
          config,
          jwtSecret,
          url,
          { speed, concurrency: config.simulator.concurrency, seed: options.seed ?? config.simulator.seed },
          logger,
        );
        simulation.start();
        process.stdout.write(`Simulating the demo world against ${url} at ${speed}× real time.\n`);
        const finish = async () => {
          await simulation.stop();
          process.stdout.write(`${JSON.stringify(simulation.status().tally, null, 2)}\n`);
        };
        if (options.minutes === undefined) {
          exitOnSignals(finish, logger);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, (options.minutes ?? 0) * 60_000));
        await finish();
      })(),
    );
}
