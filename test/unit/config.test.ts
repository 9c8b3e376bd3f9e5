import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { WORKER_NAMES } from '../../src/workers/worker-names.js';

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

  it('believes X-Forwarded-For only from the proxies BRIGADE_TRUST_PROXY names', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ BRIGADE_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ BRIGADE_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(
      loadConfig({ BRIGADE_TRUST_PROXY: '10.0.0.0/8, 192.168.1.5,loopback, fd00::/8, ::1' }).trustProxy,
    ).toEqual(['10.0.0.0/8', '192.168.1.5', 'loopback', 'fd00::/8', '::1']);
    expect(problemsOf({ BRIGADE_TRUST_PROXY: '1' })).toEqual([
      'BRIGADE_TRUST_PROXY must be true, false, or comma-separated IP addresses and CIDR ranges (not: 1)',
    ]);
    expect(problemsOf({ BRIGADE_TRUST_PROXY: '10.0.0.0/33,proxy.internal,10.1.2.3' })).toEqual([
      'BRIGADE_TRUST_PROXY must be true, false, or comma-separated IP addresses and CIDR ranges (not: 10.0.0.0/33, proxy.internal)',
    ]);
  });

  it('reads the event bus settings and which workers run in-process', () => {
    expect(loadConfig({})).toMatchObject({
      redisUrl: undefined,
      bus: {
        stream: 'brigade:events',
        maxLength: 1_000_000,
        claimIdleMs: 30_000,
        maxAttempts: 5,
        retentionDays: 7,
      },
      // Every worker by default: the list grows as roles are added.
      workers: [...WORKER_NAMES],
    });
    expect(
      loadConfig({
        REDIS_URL: 'redis://cache:6379/2',
        BRIGADE_BUS_STREAM: 'acme:events',
        BRIGADE_BUS_MAX_LENGTH: '50000',
        BRIGADE_BUS_CLAIM_IDLE_MS: '5000',
        BRIGADE_CONSUMER_MAX_ATTEMPTS: '3',
        BRIGADE_CONSUMER_RETENTION_DAYS: '30',
        BRIGADE_RECORD_RETENTION_DAYS: '2',
        BRIGADE_ACTIVITY_RETENTION_DAYS: '30',
        BRIGADE_WORKERS: 'relay, kitchen',
      }),
    ).toMatchObject({
      recordRetentionDays: 2,
      activityRetentionDays: 30,
      redisUrl: 'redis://cache:6379/2',
      bus: { stream: 'acme:events', maxLength: 50_000, claimIdleMs: 5000, maxAttempts: 3, retentionDays: 30 },
      workers: ['relay', 'kitchen'],
    });
    expect(loadConfig({ BRIGADE_WORKERS: 'none' }).workers).toEqual([]);
    expect(
      problemsOf({
        REDIS_URL: 'http://x',
        BRIGADE_WORKERS: 'relay,chef',
        BRIGADE_BUS_STREAM: 'a b',
        BRIGADE_CONSUMER_RETENTION_DAYS: '0',
        BRIGADE_RECORD_RETENTION_DAYS: 'forever',
        BRIGADE_ACTIVITY_RETENTION_DAYS: '3651',
      }),
    ).toEqual([
      'REDIS_URL must start with redis:// or rediss://',
      'BRIGADE_BUS_STREAM must be 1-200 letters, digits, or : . _ -',
      `BRIGADE_WORKERS has unknown worker(s) chef; use all, none or some of ${WORKER_NAMES.join(', ')}`,
      'BRIGADE_RECORD_RETENTION_DAYS must be an integer between 1 and 3650 (got "forever")',
      'BRIGADE_ACTIVITY_RETENTION_DAYS must be an integer between 1 and 3650 (got "3651")',
      'BRIGADE_CONSUMER_RETENTION_DAYS must be an integer between 1 and 3650 (got "0")',
    ]);
  });

  it('keeps the lake in a directory under DATA_DIR unless S3 is configured', () => {
    expect(loadConfig({ DATA_DIR: '/var/lib/brigade' })).toMatchObject({
      lake: {
        dir: '/var/lib/brigade/lake',
        cacheDir: '/var/lib/brigade/lake-cache',
        cacheBytes: 2048 * 1024 * 1024,
        s3: undefined,
        flushMs: 1000,
        flushEvents: 50_000,
        lateHorizonDays: 0,
        memoryMb: 1024,
      },
      analytics: { cacheTtlMs: 300_000, sqlTimeoutMs: 10_000, sqlMaxRows: 10_000 },
    });
    expect(
      loadConfig({
        DATA_DIR: '/var/lib/brigade',
        BRIGADE_LAKE_DIR: '/mnt/lake',
        BRIGADE_LAKE_CACHE_DIR: 'cache',
        BRIGADE_LAKE_CACHE_MB: '64',
        BRIGADE_LAKE_FLUSH_MS: '50',
        BRIGADE_LAKE_FLUSH_EVENTS: '1000000',
        BRIGADE_LAKE_LATE_HORIZON_DAYS: '30',
        BRIGADE_LAKE_MEMORY_MB: '256',
        BRIGADE_ANALYTICS_CACHE_TTL_MS: '0',
        BRIGADE_SQL_TIMEOUT_MS: '2000',
        BRIGADE_SQL_MAX_ROWS: '1000000',
      }),
    ).toMatchObject({
      // A relative directory is taken below DATA_DIR.
      lake: { dir: '/mnt/lake', cacheDir: '/var/lib/brigade/cache', cacheBytes: 64 * 1024 * 1024 },
      analytics: { cacheTtlMs: 0, sqlTimeoutMs: 2000, sqlMaxRows: 1_000_000 },
    });
    expect(loadConfig({}).lake).toMatchObject({
      flushMs: 1000,
      flushEvents: 50_000,
      lateHorizonDays: 0,
      memoryMb: 1024,
    });
  });

  it('reads S3 storage when all five S3 variables are set', () => {
    const s3 = {
      S3_ENDPOINT: 'https://account.r2.cloudflarestorage.com',
      S3_BUCKET: 'brigade-lake',
      S3_REGION: 'auto',
      S3_ACCESS_KEY_ID: 'key-id',
      S3_SECRET_ACCESS_KEY: 'very-secret',
    };
    expect(loadConfig(s3).lake.s3).toEqual({
      endpoint: 'https://account.r2.cloudflarestorage.com',
      bucket: 'brigade-lake',
      region: 'auto',
      accessKeyId: 'key-id',
      secretAccessKey: 'very-secret',
      prefix: '',
      forcePathStyle: true,
    });
    expect(
      loadConfig({ ...s3, S3_PREFIX: '/prod/lake/', S3_FORCE_PATH_STYLE: 'false' }).lake.s3,
    ).toMatchObject({
      prefix: 'prod/lake',
      forcePathStyle: false,
    });
  });

  it('rejects a partial S3 set, naming what is missing and never echoing a secret', () => {
    const problems = problemsOf({ S3_BUCKET: 'brigade-lake', S3_SECRET_ACCESS_KEY: 'very-secret' });
    expect(problems).toEqual([
      'S3 storage needs all of S3_ENDPOINT, S3_BUCKET, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY (set: S3_BUCKET, S3_SECRET_ACCESS_KEY; missing: S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY_ID)',
    ]);
    // An optional S3 variable alone also asks for S3, so a forgotten half is reported, not ignored.
    expect(problemsOf({ S3_PREFIX: 'lake' })[0]).toContain('missing: S3_ENDPOINT');
    expect(
      problemsOf({
        S3_ENDPOINT: 'minio:9000',
        S3_BUCKET: 'Not_A_Bucket',
        S3_REGION: 'us-east-1',
        S3_ACCESS_KEY_ID: 'id',
        S3_SECRET_ACCESS_KEY: 'very-secret',
        S3_PREFIX: 'a//.b',
        S3_FORCE_PATH_STYLE: 'yes',
      }),
    ).toEqual([
      'S3_ENDPOINT must be an http:// or https:// URL',
      'S3_BUCKET must be a bucket name: 3-63 lowercase letters, digits, . or -',
      'S3_PREFIX must be a folder path without empty segments or segments starting with "."',
      'S3_FORCE_PATH_STYLE must be true or false',
    ]);
    for (const problem of problemsOf({ S3_SECRET_ACCESS_KEY: 'very-secret' })) {
      expect(problem).not.toContain('very-secret');
    }
  });

  it('sends notifications to the development sink unless SMTP or the webhook is configured', () => {
    expect(loadConfig({}).notifications).toEqual({ smtp: undefined, webhook: undefined });
    expect(
      loadConfig({
        SMTP_URL: 'smtps://mailer:pw@smtp.example.com:465',
        BRIGADE_EMAIL_FROM: 'Northwind <orders@northwind.example>',
        BRIGADE_NOTIFY_WEBHOOK_URL: 'https://hooks.example.com/brigade',
        BRIGADE_NOTIFY_WEBHOOK_SECRET: 'sixteen-chars-ok',
      }).notifications,
    ).toEqual({
      smtp: { url: 'smtps://mailer:pw@smtp.example.com:465', from: 'Northwind <orders@northwind.example>' },
      webhook: { url: 'https://hooks.example.com/brigade', secret: 'sixteen-chars-ok' },
    });
  });

  it('rejects half-set or malformed notification settings without echoing a credential', () => {
    expect(problemsOf({ SMTP_URL: 'smtp://mailer:hunter2@smtp.example.com' })).toEqual([
      'SMTP_URL and BRIGADE_EMAIL_FROM must be set together',
    ]);
    expect(
      problemsOf({
        SMTP_URL: 'mail.example.com:25',
        BRIGADE_EMAIL_FROM: 'orders',
        BRIGADE_NOTIFY_WEBHOOK_URL: 'ftp://hooks.example.com',
        BRIGADE_NOTIFY_WEBHOOK_SECRET: 'hunter2',
      }),
    ).toEqual([
      'SMTP_URL must be an smtp:// or smtps:// URL',
      'BRIGADE_EMAIL_FROM must be an email address, optionally as "Name <address>"',
      'BRIGADE_NOTIFY_WEBHOOK_URL must be an http:// or https:// URL',
      'BRIGADE_NOTIFY_WEBHOOK_SECRET must be at least 16 characters',
    ]);
    expect(problemsOf({ BRIGADE_NOTIFY_WEBHOOK_SECRET: 'a-long-enough-secret' })).toEqual([
      'BRIGADE_NOTIFY_WEBHOOK_URL and BRIGADE_NOTIFY_WEBHOOK_SECRET must be set together',
    ]);
    for (const problem of problemsOf({
      SMTP_URL: 'smtp://mailer:hunter2@x',
      BRIGADE_NOTIFY_WEBHOOK_SECRET: 'hunter2',
    })) {
      expect(problem).not.toContain('hunter2');
    }
  });

  it('rejects lake and analytics numbers out of range', () => {
    expect(
      problemsOf({
        BRIGADE_LAKE_CACHE_MB: '0',
        BRIGADE_LAKE_FLUSH_MS: '10',
        BRIGADE_LAKE_FLUSH_EVENTS: '2000000',
        BRIGADE_LAKE_LATE_HORIZON_DAYS: '-1',
        BRIGADE_LAKE_MEMORY_MB: 'lots',
        BRIGADE_ANALYTICS_CACHE_TTL_MS: '1.5',
        BRIGADE_SQL_TIMEOUT_MS: '0',
        BRIGADE_SQL_MAX_ROWS: '1000001',
      }),
    ).toEqual([
      'BRIGADE_LAKE_CACHE_MB must be an integer between 16 and 4194304 (got "0")',
      'BRIGADE_LAKE_FLUSH_MS must be an integer between 50 and 60000 (got "10")',
      'BRIGADE_LAKE_FLUSH_EVENTS must be an integer between 100 and 1000000 (got "2000000")',
      'BRIGADE_LAKE_LATE_HORIZON_DAYS must be an integer between 0 and 36500 (got "-1")',
      'BRIGADE_LAKE_MEMORY_MB must be an integer between 64 and 1048576 (got "lots")',
      'BRIGADE_ANALYTICS_CACHE_TTL_MS must be an integer between 0 and 86400000 (got "1.5")',
      'BRIGADE_SQL_TIMEOUT_MS must be an integer between 100 and 600000 (got "0")',
      'BRIGADE_SQL_MAX_ROWS must be an integer between 1 and 1000000 (got "1000001")',
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
