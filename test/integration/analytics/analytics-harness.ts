import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { hashPassword } from '../../../src/auth/passwords.js';
import { buildApp } from '../../../src/http/app.js';
import type { BrigadeApp } from '../../../src/http/brigade-app.js';
import { SimulatedGateway } from '../../../src/payments/simulated-gateway.js';
import type { Database } from '../../../src/storage/database.js';
import { migrate } from '../../../src/storage/migrator.js';
import { openPglite } from '../../../src/storage/pglite-database.js';
import {
  BUSINESS_A,
  BUSINESS_B,
  FIXTURE_NOW,
  type LakeFixture,
  writeLakeFixture,
} from '../../support/lake-fixture.js';

/**
 * The real app over the fixture lake (test/support/lake-fixture.ts) and an embedded database holding
 * the two businesses and the users the access checks need. The manifest is re-read on every request
 * (poll 0) so a test that commits a new manifest sees it at once.
 */
export interface AnalyticsHarness {
  app: BrigadeApp;
  db: Database;
  lake: LakeFixture;
  clock: { now: Date };
  token(options: {
    platformAdmin?: boolean;
    role?: 'owner' | 'manager' | 'staff';
    businessId?: string;
  }): Promise<string>;
  get(url: string, token: string): Promise<LightMyRequestResponse>;
  sql(token: string, body: unknown, businessId?: string): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function startAnalyticsApp(options: { sqlTimeoutMs?: number; sqlMaxRows?: number } = {}) {
  const lake = await writeLakeFixture();
  const db = await openPglite();
  await migrate(db);
  for (const [id, currency] of [
    [BUSINESS_A, 'CAD'],
    [BUSINESS_B, 'USD'],
  ] as const) {
    await db.query(`INSERT INTO businesses (id, name, slug, currency) VALUES ($1, $2, $3, $4)`, [
      id,
      `Business ${id.slice(0, 4)}`,
      `biz-${id}`,
      currency,
    ]);
  }
  const clock = { now: FIXTURE_NOW };
  const app = await buildApp({
    db,
    config: { accessTokenTtlSeconds: 900, refreshTokenTtlSeconds: 86_400, bodyLimitBytes: 256 * 1024 },
    jwtSecret: 'analytics-test-secret-analytics-test-secret',
    gateway: new SimulatedGateway(db),
    now: () => clock.now,
    lakeStore: lake.store,
    analytics: {
      manifestPollMs: 0,
      sqlTimeoutMs: options.sqlTimeoutMs ?? 1500,
      sqlMaxRows: options.sqlMaxRows ?? 1000,
      scratchDir: path.join(lake.root, 'analytics-scratch'),
    },
  });
  await app.ready();
  const passwordHash = await hashPassword('correct-horse-battery');

  const harness: AnalyticsHarness = {
    app,
    db,
    lake,
    clock,
    async token({ platformAdmin, role, businessId }) {
      const userId = randomUUID();
      const email = `user-${userId.slice(0, 8)}@example.test`;
      await db.query(
        `INSERT INTO users (id, email, name, password_hash, platform_role) VALUES ($1, $2, 'Test', $3, $4)`,
        [userId, email, passwordHash, platformAdmin ? 'platform_admin' : 'user'],
      );
      if (role) {
        await db.query(
          `INSERT INTO memberships (user_id, business_id, role, staff_position, location_ids) VALUES ($1, $2, $3, $4, '{}')`,
          [userId, businessId ?? BUSINESS_A, role, role === 'staff' ? 'kitchen' : null],
        );
      }
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password: 'correct-horse-battery' },
      });
      if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
      return (login.json() as { accessToken: string }).accessToken;
    },
    get: (url, token) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } }),
    sql: (token, body, businessId = BUSINESS_A) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/businesses/${businessId}/analytics/sql`,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      }),
    async close() {
      await app.close();
      await db.close();
      await lake.close();
    },
  };
  return harness;
}

export const analyticsUrl = (path: string, businessId = BUSINESS_A) =>
  `/api/v1/businesses/${businessId}/analytics${path}`;
