import path from 'node:path';
import { isWorkerName, WORKER_NAMES, type WorkerName } from '../workers/worker-names.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface Config {
  /** PostgreSQL connection string; undefined → embedded PGlite under `dataDir`. */
  databaseUrl: string | undefined;
  port: number;
  host: string;
  dataDir: string;
  logLevel: LogLevel;
  /** Token signing secret; undefined → generated once and kept in `dataDir/secrets.json`. */
  jwtSecret: string | undefined;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  admin: { email: string; password: string } | undefined;
  demoPassword: string | undefined;
  bodyLimitBytes: number;
  /** Redis Streams bus; undefined → the embedded log (the outbox table). */
  redisUrl: string | undefined;
  bus: {
    stream: string;
    maxLength: number;
    /** A consumer silent this long is presumed dead and its pending messages are reclaimed. */
    claimIdleMs: number;
    /** Failed attempts after which a consumer dead-letters an event. */
    maxAttempts: number;
  };
  /** Background roles this process runs next to the API (`brigade start` / `brigade api`). */
  workers: WorkerName[];
}

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

  const config: Config = {
    databaseUrl,
    port: integer('PORT', 8060, 0, 65535),
    host: env.HOST || '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR || '.brigade'),
    logLevel,
    jwtSecret,
    accessTokenTtlSeconds: integer('BRIGADE_ACCESS_TOKEN_TTL_SECONDS', 900, 30, 86_400),
    refreshTokenTtlSeconds: integer('BRIGADE_REFRESH_TOKEN_TTL_SECONDS', 30 * 86_400, 300, 365 * 86_400),
    admin: adminEmail && adminPassword ? { email: adminEmail, password: adminPassword } : undefined,
    demoPassword,
    bodyLimitBytes: integer('BRIGADE_BODY_LIMIT_BYTES', 256 * 1024, 1024, 10 * 1024 * 1024),
    redisUrl,
    bus: {
      stream,
      maxLength: integer('BRIGADE_BUS_MAX_LENGTH', 1_000_000, 1000, 1_000_000_000),
      claimIdleMs: integer('BRIGADE_BUS_CLAIM_IDLE_MS', 30_000, 100, 3_600_000),
      maxAttempts: integer('BRIGADE_CONSUMER_MAX_ATTEMPTS', 5, 1, 100),
    },
    workers,
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
