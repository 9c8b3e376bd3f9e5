import { Command } from 'commander';
import { formatDemoLogins } from '../server/banner.js';
import { demoLogins } from '../server/demo-logins.js';
import { ensureDemo } from '../server/ensure-demo.js';
import { exitOnSignals } from '../server/graceful-shutdown.js';
import { prepareDatabase } from '../server/prepare-database.js';
import { startServer } from '../server/start-server.js';
import { startWorkerProcess } from '../server/start-worker-process.js';
import { isWorkerName, WORKER_NAMES } from '../workers/worker-names.js';
import { addIngestCommand } from './ingest-command.js';
import { addLakeCommands } from './lake-commands.js';
import { runAction } from './run-action.js';
import { addSimulateCommand } from './simulate-command.js';

/** The `brigade` command line. Configuration comes from the environment (see README). */
export function buildProgram(): Command {
  const program = new Command('brigade')
    .description('Brigade: ordering, kitchen and analytics for restaurant businesses')
    .showHelpAfterError('(run brigade --help for the commands)');

  // `start` and `api` differ only in the demo; the process stays up until a signal closes the server.
  const serve = (demo: boolean) =>
    runAction(async (config, logger) => {
      const server = await startServer(config, { demo, logger });
      exitOnSignals(server.close, logger);
      process.stdout.write(server.banner);
    }, 'stdout');

  program
    .command('start')
    .description('migrate, seed the demo businesses into an empty database, and serve the API (all in one)')
    .option('--no-demo', 'do not seed or show the demo businesses')
    .action((options: { demo: boolean }) => serve(options.demo)());

  program.command('api').description('migrate and serve the API (no demo data)').action(serve(false));

  program
    .command('migrate')
    .description('apply pending database migrations and exit')
    .action(
      runAction(async (config, logger) => {
        const { db, applied } = await prepareDatabase(config, logger);
        await db.close();
        process.stdout.write(
          applied.length > 0
            ? `Applied migrations: ${applied.map((version) => String(version).padStart(3, '0')).join(', ')}\n`
            : 'Database schema is up to date; no migrations applied.\n',
        );
      }),
    );

  program
    .command('seed-demo')
    .description(
      'seed the demo businesses (a restaurant chain and a ghost-kitchen operator) into the configured database (no-op when already seeded)',
    )
    .action(
      runAction(async (config, logger) => {
        const { db } = await prepareDatabase(config, logger);
        try {
          const demo = await ensureDemo(db, config, 'unless-seeded', logger);
          process.stdout.write(
            demo.seededNow ? 'Demo businesses seeded.\n' : 'Demo businesses already seeded; nothing to do.\n',
          );
          const logins = await demoLogins(db, config);
          process.stdout.write(`${formatDemoLogins(logins).join('\n')}\n`);
        } finally {
          await db.close();
        }
      }),
    );

  program
    .command('worker')
    .description(
      `run background roles without the API (needs DATABASE_URL): ${WORKER_NAMES.join(', ')}, or all`,
    )
    .argument('<names...>', 'worker names, or all')
    .action((names: string[]) => {
      const wanted = names.includes('all') ? [...WORKER_NAMES] : names;
      const unknown = wanted.filter((name) => !isWorkerName(name));
      if (unknown.length > 0) {
        program.error(`unknown worker(s): ${unknown.join(', ')} (known: ${WORKER_NAMES.join(', ')})`);
      }
      return runAction(async (config, logger) => {
        const running = await startWorkerProcess(config, wanted.filter(isWorkerName), logger);
        exitOnSignals(running.close, logger);
        process.stdout.write(
          `Brigade workers ${wanted.join(', ')} running; metrics at ${running.url}/metrics\n`,
        );
      }, 'stdout')();
    });

  addLakeCommands(program);
  addSimulateCommand(program);
  addIngestCommand(program);
  return program;
}
