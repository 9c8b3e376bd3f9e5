import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/server/logger.js';
import { startWorkerProcess } from '../src/server/start-worker-process.js';

/**
 * The pipeline under test in bench:lake's freshness run, in a child process of its own (forked by
 * bench/lake.ts, so the bench's load and reader do not share its event loop): what
 * `brigade worker relay lake` runs — the outbox relay and the lake writer — configured from the
 * environment the parent sets (DATABASE_URL, REDIS_URL, BRIGADE_BUS_STREAM, BRIGADE_LAKE_DIR, DATA_DIR).
 * It says `ready` once started and stops on `stop` or when the parent goes away.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const running = await startWorkerProcess(config, ['relay', 'lake'], createLogger('warn'));
  const stop = () => {
    void running.close().finally(() => process.exit(0));
  };
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'stop') stop();
  });
  process.on('disconnect', stop);
  process.send?.({ type: 'ready' });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
