import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import type { Logger } from 'pino';
import { openBus } from '../bus/open-bus.js';
import type { Config } from '../config/config.js';
import { ConfigError } from '../config/config.js';
import { BrigadeMetrics } from '../observability/metrics.js';
import { startWorkers } from '../workers/start-workers.js';
import type { WorkerName } from '../workers/worker-names.js';
import { prepareDatabase } from './prepare-database.js';

export interface RunningWorkerProcess {
  url: string;
  close(): Promise<void>;
}

/**
 * `brigade worker <name...>`: runs background roles without the API, for deployments that scale
 * them separately. Serves /metrics and /health on PORT. Needs PostgreSQL: the embedded database
 * belongs to the one process that opened it (there, `brigade start` runs the workers itself).
 */
export async function startWorkerProcess(
  config: Config,
  names: readonly WorkerName[],
  logger: Logger,
): Promise<RunningWorkerProcess> {
  if (!config.databaseUrl) {
    throw new ConfigError([
      'brigade worker needs DATABASE_URL (PostgreSQL): the embedded database can be opened by one process only; without it, `brigade start` runs every worker in-process',
    ]);
  }
  const { db } = await prepareDatabase(config, logger);
  const metrics = new BrigadeMetrics();
  const bus = openBus(config, db);
  const workers = startWorkers(names, { db, bus, metrics, logger, config });
  const http = Fastify({ logger: false });
  http.get('/health/live', async () => ({ status: 'ok' }));
  http.get('/health', async (_request, reply) => {
    try {
      await db.query('SELECT 1');
      return { status: 'ok', workers: names };
    } catch (error) {
      return reply.code(503).send({ status: 'unavailable', detail: (error as Error).message });
    }
  });
  http.get('/metrics', async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
  await http.listen({ port: config.port, host: config.host });
  const port = (http.server.address() as AddressInfo).port;
  logger.info({ workers: names, port }, 'worker process ready');
  return {
    url: `http://localhost:${port}`,
    async close() {
      await http.close();
      await workers.stop();
      await bus.close();
      await db.close();
    },
  };
}
