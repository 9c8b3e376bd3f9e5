import rateLimit from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import { AppError } from '../errors/app-error.js';
import type { BrigadeApp } from './brigade-app.js';

/**
 * Registers @fastify/rate-limit for the routes that ask for a limit (auth-routes.ts: sign-in and
 * password reset). With a Redis URL the counters live in Redis, shared by every API process of the
 * deployment, so a load balancer over N processes does not give a client N allowances; without, each
 * process counts in memory.
 *
 * While Redis is unreachable requests are let through uncounted (`skipOnError`) rather than refused:
 * an outage of the bus must not also lock everyone out of signing in. The connection gives up on a
 * command after one retry and does not queue commands while disconnected, so a sign-in never waits
 * on a Redis that is down.
 */
export async function registerRateLimits(
  app: BrigadeApp,
  shared: { redisUrl: string; keyPrefix: string } | undefined,
): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    // After parsing, so a route can key on the body (the email being tried).
    hook: 'preHandler',
    ...(shared
      ? { redis: sharedCounters(app, shared.redisUrl), nameSpace: shared.keyPrefix, skipOnError: true }
      : {}),
    errorResponseBuilder: (_request, context) =>
      new AppError('rate_limited', `Too many attempts; retry in ${context.after}`),
  });
}

/** The connection that holds the counters, closed with the app. */
function sharedCounters(app: BrigadeApp, redisUrl: string): Redis {
  const redis = new Redis(redisUrl, {
    connectTimeout: 1000,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
  });
  // Each reconnect attempt emits 'error'; the failing commands are what matters, and skipOnError
  // answers those. Logged once per outage instead of once per attempt.
  let down = false;
  redis.on('error', (error) => {
    if (!down)
      app.log.warn(
        { err: error },
        'rate limits: Redis unreachable; sign-ins are not counted until it is back',
      );
    down = true;
  });
  redis.on('ready', () => {
    down = false;
  });
  app.addHook('onClose', async () => redis.disconnect());
  return redis;
}
