import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { type AnalyticsOptions, AnalyticsService } from '../analytics/analytics-service.js';
import { TokenService } from '../auth/tokens.js';
import type { Config } from '../config/config.js';
import type { LakeStore } from '../lake/store/lake-store.js';
import { DevelopmentSink } from '../notifications/senders/development-sink.js';
import type { NotificationSender } from '../notifications/senders/notification-sender.js';
import { BrigadeMetrics } from '../observability/metrics.js';
import type { PaymentGateway } from '../payments/payment-gateway.js';
import { registerQueryToken } from '../realtime/connect-auth.js';
import { type RealtimeDeps, RealtimeHub } from '../realtime/realtime-hub.js';
import type { SimulatorControl } from '../simulator/live/simulator-control.js';
import type { Database } from '../storage/database.js';
import { registerAccessControl } from './access.js';
import type { BrigadeApp } from './brigade-app.js';
import { registerProblemHandling } from './problem.js';
import { registerRateLimits } from './rate-limits.js';
import { RedactingLogController } from './request-log.js';
import { registerRoutes } from './routes/index.js';
import { registerStorableTextCheck } from './storable-text.js';
import { validatorCompiler } from './validation.js';
import { registerWebApp } from './web-app.js';

export interface AppDeps {
  db: Database;
  config: Pick<Config, 'accessTokenTtlSeconds' | 'refreshTokenTtlSeconds' | 'bodyLimitBytes'> &
    Partial<Pick<Config, 'trustProxy' | 'redisUrl'>> & { bus?: Pick<Config['bus'], 'stream'> };
  jwtSecret: string;
  gateway: PaymentGateway;
  /** Request logging; omitted in tests. */
  logger?: FastifyBaseLogger;
  /** Injectable clock for pricing windows and availability; defaults to the wall clock. */
  now?: () => Date;
  /** The process's Prometheus registry, served on /metrics; a private one when omitted. */
  metrics?: BrigadeMetrics;
  /** Live feeds: the bus this process tails, the live metrics provider, limits (docs/realtime.md). */
  realtime?: RealtimeDeps;
  /** The lake the analytics API reads (docs/analytics.md); without it the analytics routes are absent. */
  lakeStore?: LakeStore;
  /** Analytics cache and SQL limits (config `analytics`); defaults when omitted. */
  analytics?: AnalyticsOptions;
  /** The demo's live simulation control (demo mode only); without it `/api/v1/simulator` is absent. */
  simulator?: SimulatorControl;
  /** Sends account email (password reset links); a development sink, which sends nothing, when omitted. */
  mailer?: NotificationSender;
  /** The web app's address for links in email; http://localhost when omitted. */
  webUrl?: () => string;
}

export interface AppContext {
  db: Database;
  tokens: TokenService;
  gateway: PaymentGateway;
  config: AppDeps['config'];
  now: () => Date;
  metrics: BrigadeMetrics;
  /** This process's live-feed hub (WebSocket and SSE clients); started on ready, stopped on close. */
  realtime: RealtimeHub;
  /** The DuckDB query service over the lake; undefined when no lake store was given. */
  analytics: AnalyticsService | undefined;
  simulator: SimulatorControl | undefined;
  mailer: NotificationSender;
  webUrl: () => string;
}

/** Builds the HTTP server without listening: tests use `inject()`, the CLI calls `listen()`. */
export async function buildApp(deps: AppDeps): Promise<BrigadeApp> {
  const app: BrigadeApp = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    bodyLimit: deps.config.bodyLimitBytes,
    // The client's address (request.ip: rate limits, logs) from X-Forwarded-For only when the peer is
    // a proxy we were told to trust (BRIGADE_TRUST_PROXY); otherwise any client could name itself.
    trustProxy: deps.config.trustProxy ?? false,
    // Request ids come from the load balancer when it sets one.
    requestIdHeader: 'x-request-id',
    // Keeps tokens out of logged URLs (request-log.ts).
    logController: new RedactingLogController(),
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler());
  // The API speaks JSON only: any other body is answered 415 rather than parsed as a string.
  app.removeContentTypeParser('text/plain');
  registerProblemHandling(app);
  registerStorableTextCheck(app);

  const context: AppContext = {
    db: deps.db,
    tokens: new TokenService(deps.jwtSecret, deps.config.accessTokenTtlSeconds),
    gateway: deps.gateway,
    config: deps.config,
    now: deps.now ?? (() => new Date()),
    metrics: deps.metrics ?? new BrigadeMetrics({ defaultMetrics: false }),
    realtime: new RealtimeHub({
      ...deps.realtime,
      db: deps.db,
      ...(deps.now ? { now: deps.now } : {}),
      onError: (error, during) => app.log.error({ err: error }, `live feeds: ${during} failed`),
    }),
    analytics: deps.lakeStore
      ? await AnalyticsService.open(deps.lakeStore, {
          ...deps.analytics,
          ...(deps.now ? { now: deps.now } : {}),
        })
      : undefined,
    simulator: deps.simulator,
    mailer: deps.mailer ?? new DevelopmentSink(),
    webUrl: deps.webUrl ?? (() => 'http://localhost'),
  };
  app.addHook('onClose', async () => context.analytics?.close());
  context.metrics.trackRealtime(() => ({ ...context.realtime.stats() }));
  app.addHook('onReady', async () => context.realtime.start());
  // Before the server closes: live connections would otherwise keep it open.
  app.addHook('preClose', async () => context.realtime.stop());

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Brigade API',
        version: '1',
        description:
          'Ordering, kitchen and analytics for restaurant businesses. Errors are RFC 9457 problem+json.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  // Per-route limits on the sign-in routes (auth-routes.ts): in Redis when the deployment has one.
  await registerRateLimits(
    app,
    deps.config.redisUrl
      ? { redisUrl: deps.config.redisUrl, keyPrefix: `${deps.config.bus?.stream ?? 'brigade'}:rate-limit:` }
      : undefined,
  );
  registerQueryToken(app);
  registerAccessControl(app, { db: deps.db, tokens: context.tokens });
  await registerRoutes(app, context);
  await registerWebApp(app);
  return app;
}
