import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { seedRestaurant } from '../support/fixtures.js';

for (const kind of await databaseKinds()) {
  describe(`auth on ${kind.name}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(kind);
    });
    afterAll(() => t.close());

    const post = (url: string, body: unknown) => t.request({ method: 'POST', url, body });

    it('registers a customer, signs in, and rotates refresh tokens', async () => {
      const registered = await post('/api/v1/auth/register', {
        email: 'Nora@Example.test',
        password: 'long enough pass',
        name: 'Nora',
      });
      expect(registered.statusCode).toBe(201);
      expect(registered.json().user).toMatchObject({
        email: 'Nora@Example.test',
        platformRole: 'user',
        memberships: [],
      });
      expect(registered.json()).not.toHaveProperty('user.passwordHash');

      const again = await post('/api/v1/auth/register', {
        email: 'nora@example.test',
        password: 'another pass',
        name: 'N',
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('email_taken');

      const login = await post('/api/v1/auth/login', {
        email: 'NORA@example.test',
        password: 'long enough pass',
      });
      expect(login.statusCode).toBe(200);
      const me = await t.request({ method: 'GET', url: '/api/v1/auth/me', token: login.json().accessToken });
      expect(me.json().id).toBe(registered.json().user.id);

      const refreshed = await post('/api/v1/auth/refresh', { refreshToken: login.json().refreshToken });
      expect(refreshed.statusCode).toBe(200);
      expect(refreshed.json().refreshToken).not.toBe(login.json().refreshToken);
      const reused = await post('/api/v1/auth/refresh', { refreshToken: login.json().refreshToken });
      expect(reused.statusCode).toBe(401);
      expect(reused.json().code).toBe('invalid_token');
    });

    it('refuses wrong passwords and unknown emails alike', async () => {
      const wrong = await post('/api/v1/auth/login', {
        email: 'nora@example.test',
        password: 'not it at all',
      });
      const unknown = await post('/api/v1/auth/login', {
        email: 'nobody@example.test',
        password: 'whatever123',
      });
      expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
      expect(wrong.json().code).toBe('invalid_credentials');
      expect(unknown.json().code).toBe('invalid_credentials');
    });

    it('validates registration fields and names each bad one', async () => {
      const response = await post('/api/v1/auth/register', {
        email: 'not-an-email',
        password: 'short',
        extra: true,
      });
      expect(response.statusCode).toBe(400);
      const fields = response.json().errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(
        expect.arrayContaining(['body/email', 'body/password', 'body/name', 'body/extra']),
      );
    });

    it('puts memberships in the token, so a new role shows at the next refresh', async () => {
      const f = await seedRestaurant(t.db);
      const user = await t.userToken();
      const session = await post('/api/v1/auth/login', { email: user.email, password: user.password });
      const url = `/api/v1/restaurants/${f.locationId}/orders`;
      expect((await t.request({ method: 'GET', url, token: session.json().accessToken })).statusCode).toBe(
        403,
      );
      await t.db.query(`INSERT INTO memberships (user_id, business_id, role) VALUES ($1, $2, 'manager')`, [
        user.userId,
        f.businessId,
      ]);
      const refreshed = await post('/api/v1/auth/refresh', { refreshToken: session.json().refreshToken });
      expect((await t.request({ method: 'GET', url, token: refreshed.json().accessToken })).statusCode).toBe(
        200,
      );
    });

    it('answers 404 to a platform admin on a business that does not exist, 403 to a stranger', async () => {
      const admin = await t.userToken({ platformRole: 'platform_admin' });
      const stranger = await t.userToken();
      const url = '/api/v1/businesses/00000000-0000-4000-8000-000000000000/brands';
      const body = { name: 'Ghost brand' };
      const byAdmin = await t.request({ method: 'POST', url, token: admin.token, body });
      expect(byAdmin.statusCode).toBe(404);
      expect(byAdmin.json().code).toBe('not_found');
      const byStranger = await t.request({ method: 'POST', url, token: stranger.token, body });
      expect(byStranger.statusCode).toBe(403);
    });

    it('serves an OpenAPI 3.1 document and its browsable UI', async () => {
      const spec = await t.request({ method: 'GET', url: '/docs/json' });
      expect(spec.statusCode).toBe(200);
      const doc = spec.json();
      expect(doc.openapi).toBe('3.1.0');
      for (const path of [
        '/api/v1/auth/login',
        '/api/v1/restaurants/{locationId}/orders',
        '/api/v1/orders/{orderId}/refunds',
        '/api/v1/businesses/{businessId}/menu/items',
      ]) {
        expect(Object.keys(doc.paths)).toContain(path);
      }
      const ui = await t.request({ method: 'GET', url: '/docs/' });
      expect(ui.statusCode).toBe(200);
      expect(ui.headers['content-type']).toMatch(/text\/html/);
    });
  });
}

describe('route declarations', () => {
  it('refuse to register a route without an access policy', async () => {
    const [kind] = await databaseKinds();
    if (!kind) throw new Error('no database kind');
    const t = await startTestApp(kind);
    try {
      const app = await buildApp({
        db: t.db,
        config: { accessTokenTtlSeconds: 60, refreshTokenTtlSeconds: 600, bodyLimitBytes: 1024 },
        jwtSecret: 'x'.repeat(40),
        gateway: {
          name: 'unused',
          authorize: never,
          findAuthorization: never,
          capture: never,
          refund: never,
        },
      });
      expect(() => app.get('/api/v1/undeclared', async () => ({}))).toThrow(/declares no access policy/);
      await app.close();
    } finally {
      await t.close();
    }
  });
});

function never(): never {
  throw new Error('not called');
}
