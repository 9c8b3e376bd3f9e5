import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';

describe('loadConfig', () => {
  it('defaults to embedded PGlite under ./.brigade on port 8060', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      databaseUrl: undefined,
      port: 8060,
      host: '0.0.0.0',
      dataDir: path.resolve('.brigade'),
      logLevel: 'info',
      jwtSecret: undefined,
      admin: undefined,
      demoPassword: undefined,
    });
  });

  it('reads every variable it knows', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://brigade@db:5432/brigade',
      PORT: '9000',
      DATA_DIR: '/var/lib/brigade',
      LOG_LEVEL: 'debug',
      BRIGADE_JWT_SECRET: 'x'.repeat(32),
      BRIGADE_ADMIN_EMAIL: 'admin@example.test',
      BRIGADE_ADMIN_PASSWORD: 'long-enough-password',
      BRIGADE_DEMO_PASSWORD: 'demo-password',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://brigade@db:5432/brigade',
      port: 9000,
      dataDir: '/var/lib/brigade',
      logLevel: 'debug',
      jwtSecret: 'x'.repeat(32),
      admin: { email: 'admin@example.test', password: 'long-enough-password' },
      demoPassword: 'demo-password',
    });
  });

  it('reports every invalid variable together in one ConfigError', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud', BRIGADE_ADMIN_EMAIL: 'admin@example.test' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems.some((problem) => problem.startsWith('PORT'))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('LOG_LEVEL'))).toBe(true);
    expect(problems.some((problem) => problem.includes('BRIGADE_ADMIN_PASSWORD'))).toBe(true);
    // The message lists each problem, so printing it tells an operator everything at once.
    for (const problem of problems) expect((caught as ConfigError).message).toContain(problem);
  });

  it('rejects a non-PostgreSQL DATABASE_URL, an out-of-range port and short secrets', () => {
    expect(
      problemsOf({
        DATABASE_URL: 'mysql://nope',
        PORT: '70000',
        BRIGADE_JWT_SECRET: 'short',
        BRIGADE_DEMO_PASSWORD: 'short',
      }),
    ).toHaveLength(4);
  });

  it('reads the token lifetimes and body limit, and takes integers only as plain digits', () => {
    expect(
      loadConfig({
        HOST: '127.0.0.1',
        BRIGADE_ACCESS_TOKEN_TTL_SECONDS: '60',
        BRIGADE_REFRESH_TOKEN_TTL_SECONDS: '3600',
        BRIGADE_BODY_LIMIT_BYTES: '2048',
      }),
    ).toMatchObject({
      host: '127.0.0.1',
      accessTokenTtlSeconds: 60,
      refreshTokenTtlSeconds: 3600,
      bodyLimitBytes: 2048,
    });
    expect(loadConfig({})).toMatchObject({
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 2_592_000,
      bodyLimitBytes: 262_144,
    });
    expect(
      problemsOf({ PORT: ' ', BRIGADE_BODY_LIMIT_BYTES: '1e4', BRIGADE_ACCESS_TOKEN_TTL_SECONDS: '0x40' }),
    ).toEqual([
      'PORT must be an integer between 0 and 65535 (got " ")',
      'BRIGADE_ACCESS_TOKEN_TTL_SECONDS must be an integer between 30 and 86400 (got "0x40")',
      'BRIGADE_BODY_LIMIT_BYTES must be an integer between 1024 and 10485760 (got "1e4")',
    ]);
  });

  it('reads the event bus settings and which workers run in-process', () => {
    expect(loadConfig({})).toMatchObject({
      redisUrl: undefined,
      bus: { stream: 'brigade:events', maxLength: 1_000_000, claimIdleMs: 30_000, maxAttempts: 5 },
      workers: ['relay', 'kitchen', 'tables', 'notifications', 'notification-sender', 'live-metrics'],
    });
    expect(
      loadConfig({
        REDIS_URL: 'redis://cache:6379/2',
        BRIGADE_BUS_STREAM: 'acme:events',
        BRIGADE_BUS_MAX_LENGTH: '50000',
        BRIGADE_BUS_CLAIM_IDLE_MS: '5000',
        BRIGADE_CONSUMER_MAX_ATTEMPTS: '3',
        BRIGADE_WORKERS: 'relay, kitchen',
      }),
    ).toMatchObject({
      redisUrl: 'redis://cache:6379/2',
      bus: { stream: 'acme:events', maxLength: 50_000, claimIdleMs: 5000, maxAttempts: 3 },
      workers: ['relay', 'kitchen'],
    });
    expect(loadConfig({ BRIGADE_WORKERS: 'none' }).workers).toEqual([]);
    expect(
      problemsOf({ REDIS_URL: 'http://x', BRIGADE_WORKERS: 'relay,chef', BRIGADE_BUS_STREAM: 'a b' }),
    ).toEqual([
      'REDIS_URL must start with redis:// or rediss://',
      'BRIGADE_BUS_STREAM must be 1-200 letters, digits, or : . _ -',
      'BRIGADE_WORKERS has unknown worker(s) chef; use all, none or some of relay, kitchen, tables, notifications, notification-sender, live-metrics',
    ]);
  });
});

/** The problems loadConfig reports for `env`; fails the test when it accepts it. */
function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('loadConfig accepted an invalid environment');
}
