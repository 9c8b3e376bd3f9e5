import path from 'node:path';
import { isWorkerName, WORKER_NAMES, type WorkerName } from '../workers/worker-names.js';
import { parseTrustProxy, type TrustProxy } from './trust-proxy.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface Config {
  /** PostgreSQL connection string; undefined → embedded PGlite under `dataDir`. */
  databaseUrl: string | undefined;
  port: number;
  host: string;
  /** The address people open the web app at (links in emails); undefined → http://localhost:<port>. */
  publicUrl: string | undefined;
  /**
   * Which proxies' X-Forwarded-For the API believes for the client's address (rate limits, logs):
   * none (false), any (true), or these addresses and ranges. See trust-proxy.ts.
   */
  trustProxy: TrustProxy;
  dataDir: string;
  logLevel: LogLevel;
  /** Token signing secret; undefined → generated once and kept in `dataDir/secrets.json`. */
  jwtSecret: string | undefined;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  admin: { email: string; password: string } | undefined;
  demoPassword: string | undefined;
  /** Days of past orders `brigade start` writes when it seeds the demo (0: none). */
  demoHistoryDays: number;
  bodyLimitBytes: number;
  /**
   * Days used and revoked refresh tokens and Idempotency-Keys are kept (expired tokens go at once);
   * a retry with an older key places a new order.
   */
  recordRetentionDays: number;
  /**
   * Days GPS pings of finished deliveries, in-app notifications and sent (or given-up) notification
   * messages are kept; the lake keeps the delivery track and the events they came from.
   */
  activityRetentionDays: number;
  /** Redis Streams bus; undefined → the embedded log (the outbox table). */
  redisUrl: string | undefined;
  bus: {
    stream: string;
    maxLength: number;
    /** A consumer silent this long is presumed dead and its pending messages are reclaimed. */
    claimIdleMs: number;
    /** Failed attempts after which a consumer dead-letters an event. */
    maxAttempts: number;
    /**
     * Days a consumer keeps its bookkeeping: the ids of the events it applied (its dedupe records)
     * and state such as live metrics' per-order facts. See docs/event-backbone.md, "Housekeeping".
     */
    retentionDays: number;
  };
  /** Background roles this process runs next to the API (`brigade start` / `brigade api`). */
  workers: WorkerName[];
  lake: {
    /** The lake's directory when no S3 store is configured. */
    dir: string;
    /** Local copies of S3 objects for DuckDB to read (unused with the local directory). */
    cacheDir: string;
    cacheBytes: number;
    /** S3-compatible object store; undefined → the local directory `dir`. */
    s3: S3Settings | undefined;
    /** Lake writer: the longest buffered events wait for a commit... */
    flushMs: number;
    /** ...and how many buffered events make it commit at once. */
    flushEvents: number;
    /** How many days after its event date an event is still accepted into the lake; 0: no limit. */
    lateHorizonDays: number;
    /** DuckDB memory limit of the lake writer. */
    memoryMb: number;
  };
  analytics: {
    /** How long an analytics answer is served from cache (0: not cached). */
    cacheTtlMs: number;
    sqlTimeoutMs: number;
    /** Rows an ad-hoc SQL query may return. */
    sqlMaxRows: number;
  };
  /** The live simulation `brigade start` runs against itself in demo mode. */
  simulator: {
    enabled: boolean;
    /** Simulated seconds per real second. */
    speed: number;
    /** Calls to the API in flight at most. */
    concurrency: number;
    /** Seed of the demo world's behaviour: the same seed plays the same orders. */
    seed: number;
  };
  /** Bearer token `brigade ingest http|sse` sends to its source (BRIGADE_INGEST_TOKEN); a credential: never log it. */
  ingestToken: string | undefined;
  /** Where email, SMS and push messages go; neither set → the development sink records them. */
  notifications: NotificationSettings;
}

export interface NotificationSettings {
  /** Email through this SMTP server (`SMTP_URL`, credentials in it: never log it), from `from`. */
  smtp: { url: string; from: string } | undefined;
  /** SMS and push (and email without SMTP) POSTed to this URL, signed with `secret` (never log it). */
  webhook: { url: string; secret: string } | undefined;
}

export interface S3Settings {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  /** A credential: never log it. */
  secretAccessKey: string;
  /** Folder inside the bucket holding the lake, without slashes at either end (`''`: bucket root). */
  prefix: string;
  forcePathStyle: boolean;
}

/** Setting any S3_* variable asks for S3 storage, which needs all of these. */
const S3_REQUIRED = [
  'S3_ENDPOINT',
  'S3_BUCKET',
  'S3_REGION',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
] as const;
const S3_OPTIONAL = ['S3_PREFIX', 'S3_FORCE_PATH_STYLE'] as const;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the whole configuration from the environment in one place. Every problem is
 * collected, so a bad deployment learns everything wrong with it at once.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];

  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    // Digits only: Number() would also take ' ' (as 0), '1e3' and '0x10'.
    const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };

  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  }

  const logLevel = (env.LOG_LEVEL || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const jwtSecret = env.BRIGADE_JWT_SECRET || undefined;
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    problems.push('BRIGADE_JWT_SECRET must be at least 32 characters');
  }

  const adminEmail = env.BRIGADE_ADMIN_EMAIL || undefined;
  const adminPassword = env.BRIGADE_ADMIN_PASSWORD || undefined;
  if ((adminEmail === undefined) !== (adminPassword === undefined)) {
    problems.push('BRIGADE_ADMIN_EMAIL and BRIGADE_ADMIN_PASSWORD must be set together');
  }
  if (adminEmail !== undefined && !/^[^@\s]+@[^@\s]+$/.test(adminEmail)) {
    problems.push('BRIGADE_ADMIN_EMAIL must be an email address');
  }
  if (adminPassword !== undefined && adminPassword.length < 8) {
    problems.push('BRIGADE_ADMIN_PASSWORD must be at least 8 characters');
  }
  const demoPassword = env.BRIGADE_DEMO_PASSWORD || undefined;
  if (demoPassword !== undefined && demoPassword.length < 8) {
    problems.push('BRIGADE_DEMO_PASSWORD must be at least 8 characters');
  }

  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl))
    problems.push('REDIS_URL must start with redis:// or rediss://');
  const stream = env.BRIGADE_BUS_STREAM || 'brigade:events';
  if (!/^[\w:.-]{1,200}$/.test(stream)) {
    problems.push('BRIGADE_BUS_STREAM must be 1-200 letters, digits, or : . _ -');
  }
  const workers = parseWorkers(env.BRIGADE_WORKERS, problems);
  const simulate = (env.BRIGADE_SIMULATOR || 'on').toLowerCase();
  if (simulate !== 'on' && simulate !== 'off') problems.push('BRIGADE_SIMULATOR must be on or off');
  const dataDir = path.resolve(env.DATA_DIR || '.brigade');
  const ingestToken = env.BRIGADE_INGEST_TOKEN || undefined;
  if (ingestToken !== undefined && /\s/.test(ingestToken)) {
    problems.push('BRIGADE_INGEST_TOKEN must not contain whitespace');
  }

  const config: Config = {
    databaseUrl,
    port: integer('PORT', 8060, 0, 65535),
    host: env.HOST || '0.0.0.0',
    publicUrl: parsePublicUrl(env.BRIGADE_PUBLIC_URL, problems),
    trustProxy: parseTrustProxy(env.BRIGADE_TRUST_PROXY, problems),
    dataDir,
    logLevel,
    jwtSecret,
    accessTokenTtlSeconds: integer('BRIGADE_ACCESS_TOKEN_TTL_SECONDS', 900, 30, 86_400),
    refreshTokenTtlSeconds: integer('BRIGADE_REFRESH_TOKEN_TTL_SECONDS', 30 * 86_400, 300, 365 * 86_400),
    admin: adminEmail && adminPassword ? { email: adminEmail, password: adminPassword } : undefined,
    demoPassword,
    demoHistoryDays: integer('BRIGADE_DEMO_HISTORY_DAYS', 1, 0, 365),
    bodyLimitBytes: integer('BRIGADE_BODY_LIMIT_BYTES', 256 * 1024, 1024, 10 * 1024 * 1024),
    recordRetentionDays: integer('BRIGADE_RECORD_RETENTION_DAYS', 7, 1, 3650),
    activityRetentionDays: integer('BRIGADE_ACTIVITY_RETENTION_DAYS', 90, 1, 3650),
    redisUrl,
    bus: {
      stream,
      maxLength: integer('BRIGADE_BUS_MAX_LENGTH', 1_000_000, 1000, 1_000_000_000),
      claimIdleMs: integer('BRIGADE_BUS_CLAIM_IDLE_MS', 30_000, 100, 3_600_000),
      maxAttempts: integer('BRIGADE_CONSUMER_MAX_ATTEMPTS', 5, 1, 100),
      retentionDays: integer('BRIGADE_CONSUMER_RETENTION_DAYS', 7, 1, 3650),
    },
    workers,
    lake: {
      dir: path.resolve(dataDir, env.BRIGADE_LAKE_DIR || 'lake'),
      cacheDir: path.resolve(dataDir, env.BRIGADE_LAKE_CACHE_DIR || 'lake-cache'),
      cacheBytes: integer('BRIGADE_LAKE_CACHE_MB', 2048, 16, 4_194_304) * 1024 * 1024,
      s3: parseS3(env, problems),
      flushMs: integer('BRIGADE_LAKE_FLUSH_MS', 1000, 50, 60_000),
      flushEvents: integer('BRIGADE_LAKE_FLUSH_EVENTS', 50_000, 100, 1_000_000),
      lateHorizonDays: integer('BRIGADE_LAKE_LATE_HORIZON_DAYS', 0, 0, 36_500),
      memoryMb: integer('BRIGADE_LAKE_MEMORY_MB', 1024, 64, 1_048_576),
    },
    analytics: {
      cacheTtlMs: integer('BRIGADE_ANALYTICS_CACHE_TTL_MS', 300_000, 0, 86_400_000),
      sqlTimeoutMs: integer('BRIGADE_SQL_TIMEOUT_MS', 10_000, 100, 600_000),
      sqlMaxRows: integer('BRIGADE_SQL_MAX_ROWS', 10_000, 1, 1_000_000),
    },
    simulator: {
      enabled: simulate !== 'off',
      speed: integer('BRIGADE_SIMULATOR_SPEED', 10, 1, 10_000),
      concurrency: integer('BRIGADE_SIMULATOR_CONCURRENCY', 8, 1, 256),
      seed: integer('BRIGADE_SIMULATOR_SEED', 1, 0, 2 ** 32 - 1),
    },
    ingestToken,
    notifications: parseNotifications(env, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** `all` (default), `none`, or a comma-separated list of worker names. */
function parseWorkers(raw: string | undefined, problems: string[]): WorkerName[] {
  const value = (raw ?? '').trim();
  if (value === '' || value === 'all') return [...WORKER_NAMES];
  if (value === 'none') return [];
  const names = value.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !isWorkerName(name));
  if (unknown.length > 0) {
    problems.push(
      `BRIGADE_WORKERS has unknown worker(s) ${unknown.join(', ')}; use all, none or some of ${WORKER_NAMES.join(', ')}`,
    );
  }
  return [...new Set(names.filter(isWorkerName))];
}

/**
 * S3 storage when any S3_* variable is set (then the five required ones must all be), else undefined:
 * the lake stays in its local directory. Problems name variables, never their values, so a
 * secret cannot end up in an error message.
 */
function parseS3(env: NodeJS.ProcessEnv, problems: string[]): S3Settings | undefined {
  const given = [...S3_REQUIRED, ...S3_OPTIONAL].filter((name) => env[name]);
  if (given.length === 0) return undefined;
  const missing = S3_REQUIRED.filter((name) => !env[name]);
  if (missing.length > 0) {
    problems.push(
      `S3 storage needs all of ${S3_REQUIRED.join(', ')} (set: ${given.join(', ')}; missing: ${missing.join(', ')})`,
    );
  }
  const endpoint = env.S3_ENDPOINT ?? '';
  if (endpoint && !/^https?:\/\/[^\s/]+/.test(endpoint)) {
    problems.push('S3_ENDPOINT must be an http:// or https:// URL');
  }
  const bucket = env.S3_BUCKET ?? '';
  if (bucket && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    problems.push('S3_BUCKET must be a bucket name: 3-63 lowercase letters, digits, . or -');
  }
  const prefix = (env.S3_PREFIX ?? '').replace(/^\/+|\/+$/g, '');
  if (prefix !== '' && prefix.split('/').some((segment) => segment === '' || segment.startsWith('.'))) {
    problems.push('S3_PREFIX must be a folder path without empty segments or segments starting with "."');
  }
  const pathStyle = (env.S3_FORCE_PATH_STYLE || 'true').toLowerCase();
  if (pathStyle !== 'true' && pathStyle !== 'false')
    problems.push('S3_FORCE_PATH_STYLE must be true or false');
  if (missing.length > 0) return undefined;
  return {
    endpoint,
    bucket,
    region: env.S3_REGION ?? '',
    accessKeyId: env.S3_ACCESS_KEY_ID ?? '',
    secretAccessKey: env.S3_SECRET_ACCESS_KEY ?? '',
    prefix,
    forcePathStyle: pathStyle !== 'false',
  };
}

/**
 * The notification senders' settings. Problems name variables, never their values: the SMTP URL and
 * the webhook secret are credentials.
 */
function parseNotifications(env: NodeJS.ProcessEnv, problems: string[]): NotificationSettings {
  const smtpUrl = env.SMTP_URL || undefined;
  const from = env.BRIGADE_EMAIL_FROM || undefined;
  if (smtpUrl !== undefined && !/^smtps?:\/\/[^\s/]+/.test(smtpUrl)) {
    problems.push('SMTP_URL must be an smtp:// or smtps:// URL');
  }
  if ((smtpUrl === undefined) !== (from === undefined)) {
    problems.push('SMTP_URL and BRIGADE_EMAIL_FROM must be set together');
  }
  if (from !== undefined && !/^[^@\s<>]+@[^@\s<>]+$|^[^<>]*<[^@\s<>]+@[^@\s<>]+>$/.test(from)) {
    problems.push('BRIGADE_EMAIL_FROM must be an email address, optionally as "Name <address>"');
  }
  const webhookUrl = env.BRIGADE_NOTIFY_WEBHOOK_URL || undefined;
  const secret = env.BRIGADE_NOTIFY_WEBHOOK_SECRET || undefined;
  if (webhookUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(webhookUrl)) {
    problems.push('BRIGADE_NOTIFY_WEBHOOK_URL must be an http:// or https:// URL');
  }
  if ((webhookUrl === undefined) !== (secret === undefined)) {
    problems.push('BRIGADE_NOTIFY_WEBHOOK_URL and BRIGADE_NOTIFY_WEBHOOK_SECRET must be set together');
  }
  if (secret !== undefined && secret.length < 16) {
    problems.push('BRIGADE_NOTIFY_WEBHOOK_SECRET must be at least 16 characters');
  }
  return {
    smtp: smtpUrl && from ? { url: smtpUrl, from } : undefined,
    webhook: webhookUrl && secret ? { url: webhookUrl, secret } : undefined,
  };
}

/** BRIGADE_PUBLIC_URL: an http(s) origin, optionally with a path; kept without a trailing slash. */
function parsePublicUrl(raw: string | undefined, problems: string[]): string | undefined {
  if (!raw) return undefined;
  if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(raw)) {
    problems.push('BRIGADE_PUBLIC_URL must be an http:// or https:// URL without query or fragment');
    return undefined;
  }
  return raw.replace(/\/+$/, '');
}
