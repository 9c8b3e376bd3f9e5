import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import { openBus } from '../bus/open-bus.js';
import type { Config } from '../config/config.js';
import { resolveSecrets } from '../config/secrets.js';
import { demoWorld } from '../demo/demo-world.js';
import { LANTERN_ROW_BUSINESS_ID, NORTHWIND_BUSINESS_ID } from '../demo/seed-demo.js';
import { buildApp } from '../http/app.js';
import type { BrigadeApp } from '../http/brigade-app.js';
import { openLakeStore } from '../lake/store/open-lake-store.js';
import { configuredSenders } from '../notifications/senders/configured-senders.js';
import { BrigadeMetrics } from '../observability/metrics.js';
import { SimulatedGateway } from '../payments/simulated-gateway.js';
import { bootstrapPlatformAdmin } from '../services/auth/auth-service.js';
import { pruneExpiredRecords } from '../services/housekeeping/prune-records.js';
import { loadLiveMetricsSnapshot } from '../services/live-metrics/live-metrics-snapshot.js';
import { sweepUnsettledOrders } from '../services/orders/payment-sweeper.js';
import { backfillWindow } from '../simulator/history/write-history.js';
import { openLiveSimulation } from '../simulator/live/open-live-simulation.js';
import { SimulatorControl } from '../simulator/live/simulator-control.js';
import type { Database } from '../storage/database.js';
import { startWorkers } from '../workers/start-workers.js';
import { formatBanner } from './banner.js';
import { type DemoHistory, startDemoHistory } from './demo-history.js';
import { type DemoLogin, demoLogins } from './demo-logins.js';
import { ensureDemo } from './ensure-demo.js';
import { startPeriodicTask } from './periodic-task.js';
import { prepareDatabase } from './prepare-database.js';

/** How often expired refresh tokens and Idempotency-Keys are deleted. */
const HOUSEKEEPING_EVERY_MS = 10 * 60_000;

export interface RunningServer {
  app: BrigadeApp;
  db: Database;
  url: string;
  banner: string;
  /** The demo's live simulation control (demo mode; started at once when BRIGADE_SIMULATOR=on). */
  simulator: SimulatorControl | null;
  /** The demo's past being written (on the start that seeded the demo, BRIGADE_DEMO_HISTORY_DAYS > 0). */
  history: DemoHistory | null;
  /** Stops accepting requests, lets in-flight ones finish, then closes the database. */
  close(): Promise<void>;
}

/**
 * The whole process: migrate, bootstrap the platform admin, optionally seed the demo, build the app
 * and listen. `brigade start` passes demo: true, `brigade api` false.
 */
export async function startServer(
  config: Config,
  options: { demo: boolean; logger: Logger },
): Promise<RunningServer> {
  const { logger } = options;
  const secrets = await resolveSecrets(config.dataDir, config.jwtSecret);
  const { db } = await prepareDatabase(config, logger);
  try {
    if (config.admin) {
      await bootstrapPlatformAdmin(db, config.admin);
      logger.info({ email: config.admin.email }, 'platform admin ready');
    }
    let logins: DemoLogin[] | undefined;
    let writeHistory = false;
    // The demo's past is written up to this instant, which its businesses carry as their history mark
    // (src/consumers/history-marks.ts); the live simulation's orders all come after it.
    const historyThrough = new Date();
    if (options.demo) {
      const history = config.demoHistoryDays > 0;
      const demo = await ensureDemo(db, config, 'when-empty', logger, history ? { historyThrough } : {});
      if (demo.present) logins = await demoLogins(db, config);
      else logger.info('database already has businesses; demo not seeded');
      // Once, with the seed: a later start finds the live simulation's own orders in those days. Only
      // when this start created every demo business, so that each carries the mark.
      writeHistory = demo.wholeSeededNow && history;
    }
    // The demo comes alive: simulated customers, cooks and drivers use the API like anyone else. The
    // simulation signs in against this server, so it opens once the server listens (`listening`).
    let listening = '';
    const simulator = logins
      ? new SimulatorControl({
          open: (speed) =>
            openLiveSimulation(
              config,
              secrets.jwtSecret,
              listening,
              { ...config.simulator, speed },
              logger.child({ role: 'simulator' }),
            ),
          defaultSpeed: config.simulator.speed,
          businessIds: [NORTHWIND_BUSINESS_ID, LANTERN_ROW_BUSINESS_ID],
        })
      : null;
    const gateway = new SimulatedGateway(db);
    const metrics = new BrigadeMetrics();
    const bus = openBus(config, db);
    const lakeStore = openLakeStore(config);
    const app = await buildApp({
      db,
      config,
      jwtSecret: secrets.jwtSecret,
      gateway,
      logger,
      metrics,
      // Each API process tails the bus itself, so live feeds are right behind a load balancer.
      realtime: { bus, liveMetrics: (businessId, now) => loadLiveMetricsSnapshot(db, businessId, now) },
      // Analytics reads the lake the `lake` worker writes (here or in another process).
      lakeStore,
      analytics: config.analytics,
      ...(simulator ? { simulator } : {}),
      // Account email (reset links) goes out like notifications' email: SMTP when configured.
      mailer: configuredSenders(config.notifications, {
        file: path.join(config.dataDir, 'outgoing-notifications.jsonl'),
      }).email,
      webUrl: () => config.publicUrl ?? listening,
    });
    // The relay and consumers this process runs (BRIGADE_WORKERS; all of them by default).
    const workers = startWorkers(config.workers, { db, bus, metrics, logger, config });
    try {
      await app.listen({ port: config.port, host: config.host });
    } catch (error) {
      await app.close();
      await workers.stop();
      await bus.close();
      throw error;
    }
    // Placements and cancellations interrupted by a crash are finished here (right away, then every 15 s).
    const sweeper = startPeriodicTask(
      () => sweepUnsettledOrders({ db, gateway }, { graceSeconds: 30 }),
      15_000,
      (error) => logger.error({ err: error }, 'payment sweep failed'),
    );
    // Expired refresh tokens, old Idempotency-Keys and old activity (GPS pings of ended deliveries,
    // notifications) are deleted (right away, then every 10 minutes).
    const housekeeping = startPeriodicTask(
      async () => {
        const pruned = await pruneExpiredRecords(db, new Date(), {
          records: config.recordRetentionDays,
          activity: config.activityRetentionDays,
        });
        if (Object.values(pruned).some((count) => count > 0))
          logger.info({ pruned }, 'expired records deleted');
      },
      HOUSEKEEPING_EVERY_MS,
      (error) => logger.error({ err: error }, 'record housekeeping failed'),
    );
    const url = publicUrl(config.host, (app.server.address() as AddressInfo).port);
    listening = url;
    const historyWindow = backfillWindow(config.demoHistoryDays, historyThrough.getTime(), true);
    if (simulator && config.simulator.enabled) await simulator.start();
    const history = writeHistory
      ? startDemoHistory(
          {
            db,
            world: demoWorld(),
            seed: config.simulator.seed,
            customerSecret: secrets.jwtSecret,
            pacing: config.redisUrl ? { bus, lake: lakeStore } : undefined,
            logger: logger.child({ role: 'demo-history' }),
          },
          historyWindow,
        )
      : null;
    return {
      app,
      db,
      url,
      simulator,
      history,
      banner: formatBanner(url, logins, {
        simulationSpeed: simulator && config.simulator.enabled ? config.simulator.speed : undefined,
        historyDays: history ? config.demoHistoryDays : undefined,
      }),
      async close() {
        await history?.stop();
        await simulator?.stop();
        await sweeper.stop();
        await housekeeping.stop();
        // In-flight requests get 5 s to finish. Connections that never sent a request (browsers open
        // them ahead; aborted fetches leave them) would otherwise hold close() for Node's 60 s header
        // timeout.
        const stragglers = setTimeout(() => app.server.closeAllConnections(), 5000);
        await app.close();
        clearTimeout(stragglers);
        await workers.stop();
        await bus.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}

/** A URL a person can open: wildcard binds are reached through localhost. */
function publicUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}
