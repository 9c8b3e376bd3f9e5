import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { isRedisReachable, REDIS_URL } from '../support/redis.js';

// The limits live in the API process or in Redis, whatever the database: the embedded one is enough.
const [kind] = await databaseKinds();
const redisUp = await isRedisReachable();

const askReset = (t: TestApp) =>
  t.request({ method: 'POST', url: '/api/v1/auth/password-reset', body: { email: 'nobody@example.test' } });

/**
 * With REDIS_URL set, the sign-in limits are counted in Redis, so two API processes behind one load
 * balancer give a client one allowance between them, not one each (password reset: 20 per client per
 * 10 minutes). A Redis that cannot be reached lets requests through uncounted instead of failing them.
 */
describe.runIf(kind && redisUp)('rate limits shared through Redis', () => {
  const stream = `brigade-test:${randomBytes(6).toString('hex')}:events`;
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    if (!kind) return;
    first = await startTestApp(kind, { config: { redisUrl: REDIS_URL, bus: { stream } } });
    second = await startTestApp(kind, { config: { redisUrl: REDIS_URL, bus: { stream } } });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${stream}:rate-limit:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('gives a client one allowance across two API processes', async () => {
    for (let request = 0; request < 10; request++) {
      expect((await askReset(first)).statusCode).toBe(202);
      expect((await askReset(second)).statusCode).toBe(202);
    }
    for (const app of [first, second]) {
      const limited = await askReset(app);
      expect([limited.statusCode, limited.json().code]).toEqual([429, 'rate_limited']);
    }
    // The counter is in Redis, under the deployment's prefix.
    const redis = new Redis(REDIS_URL);
    expect((await redis.keys(`${stream}:rate-limit:*`)).length).toBeGreaterThan(0);
    redis.disconnect();
  });
});

describe.runIf(kind)('rate limits when Redis is unreachable', () => {
  let app: TestApp;
  beforeAll(async () => {
    if (!kind) return;
    // Port 1 refuses connections: a Redis that is down.
    app = await startTestApp(kind, {
      config: {
        redisUrl: 'redis://127.0.0.1:1',
        bus: { stream: 'down' },
      },
    });
  });
  afterAll(() => app?.close());

  it('answers every request, uncounted, rather than refusing sign-ins', async () => {
    for (let request = 0; request < 25; request++) expect((await askReset(app)).statusCode).toBe(202);
  });
});
