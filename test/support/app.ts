import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { hashPassword } from '../../src/auth/passwords.js';
import { type AppDeps, buildApp } from '../../src/http/app.js';
import type { BrigadeApp } from '../../src/http/brigade-app.js';
import type { LakeStore } from '../../src/lake/store/lake-store.js';
import { DevelopmentSink } from '../../src/notifications/senders/development-sink.js';
import type { PaymentGateway } from '../../src/payments/payment-gateway.js';
import { SimulatedGateway } from '../../src/payments/simulated-gateway.js';
import type { Database } from '../../src/storage/database.js';
import type { TestDatabaseKind } from './databases.js';

/**
 * A real app on a real database for one suite. `now` can be moved by tests that depend on time
 * (offers' validity windows, opening hours).
 */
export interface TestApp {
  app: BrigadeApp;
  db: Database;
  clock: { now: Date };
  /** The app's account email (reset links): a development sink, whose `sent` tests read. */
  mail: DevelopmentSink;
  /** Creates a user directly (with memberships) and returns a bearer token for them. */
  userToken(options?: {
    platformRole?: 'platform_admin' | 'user';
    memberships?: {
      businessId: string;
      role: 'owner' | 'manager' | 'staff';
      position?: 'kitchen' | 'cashier' | 'driver';
      locationIds?: string[];
    }[];
    email?: string;
  }): Promise<{ userId: string; token: string; email: string; password: string }>;
  request(options: {
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    url: string;
    token?: string;
    body?: unknown;
    headers?: Record<string, string>;
  }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** The web app's address the test app puts in emailed links. */
export const TEST_WEB_URL = 'https://brigade.test';

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';

export async function startTestApp(
  kind: TestDatabaseKind,
  options: {
    gateway?: (db: Database) => PaymentGateway;
    /** Configuration beyond the test defaults (a trusted proxy, a Redis for shared rate limits). */
    config?: Partial<Pick<AppDeps['config'], 'trustProxy' | 'redisUrl' | 'bus'>>;
    /** Serve analytics from this lake (manifest re-read on every request) with DuckDB's files in scratchDir. */
    lake?: { store: LakeStore; scratchDir: string };
  } = {},
): Promise<TestApp> {
  const db = await kind.open();
  const clock = { now: new Date() };
  const mail = new DevelopmentSink();
  const app = await buildApp({
    db,
    config: {
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 86_400,
      bodyLimitBytes: 64 * 1024,
      ...options.config,
    },
    jwtSecret: TEST_JWT_SECRET,
    gateway: options.gateway ? options.gateway(db) : new SimulatedGateway(db),
    now: () => clock.now,
    mailer: mail,
    webUrl: () => TEST_WEB_URL,
    ...(options.lake
      ? {
          lakeStore: options.lake.store,
          analytics: { manifestPollMs: 0, scratchDir: options.lake.scratchDir },
        }
      : {}),
  });
  await app.ready();

  const request: TestApp['request'] = (options) =>
    app.inject({
      method: options.method,
      url: options.url,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body !== undefined && typeof options.body !== 'string'
          ? { 'content-type': 'application/json' }
          : {}),
        ...options.headers,
      },
      ...(options.body !== undefined
        ? { payload: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }
        : {}),
    });

  const passwordHash = await hashPassword('correct-horse-battery');
  const userToken: TestApp['userToken'] = async (options = {}) => {
    const userId = randomUUID();
    const email = options.email ?? `user-${userId.slice(0, 8)}@example.test`;
    await db.query(
      `INSERT INTO users (id, email, name, password_hash, platform_role) VALUES ($1, $2, $3, $4, $5)`,
      [userId, email, 'Test user', passwordHash, options.platformRole ?? 'user'],
    );
    for (const membership of options.memberships ?? []) {
      await db.query(
        `INSERT INTO memberships (user_id, business_id, role, staff_position, location_ids) VALUES ($1, $2, $3, $4, $5)`,
        [
          userId,
          membership.businessId,
          membership.role,
          membership.position ?? null,
          membership.locationIds ?? [],
        ],
      );
    }
    const login = await request({
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { email, password: 'correct-horse-battery' },
    });
    if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
    return {
      userId,
      token: (login.json() as { accessToken: string }).accessToken,
      email,
      password: 'correct-horse-battery',
    };
  };

  return {
    app,
    db,
    clock,
    mail,
    userToken,
    request,
    async close() {
      await app.close();
      await db.close();
    },
  };
}
