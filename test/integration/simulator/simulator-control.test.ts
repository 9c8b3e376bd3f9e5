import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoWorld } from '../../../src/demo/demo-world.js';
import type { RunningServer } from '../../../src/server/start-server.js';
import { startTestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { type DemoServer, startDemoServer } from '../../support/demo-server.js';

/**
 * `/api/v1/simulator`: the web app's control of the demo's live simulation, on the embedded platform
 * as `npm start` runs it (here started with BRIGADE_SIMULATOR=off, so the control starts it).
 */
describe('simulator control in demo mode', () => {
  let demo: DemoServer;
  let server: RunningServer;
  const world = buildDemoWorld();
  const user = (role: string) => world.businesses[0]?.users.find((candidate) => candidate.role === role);
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    demo = await startDemoServer('sim-control');
    server = demo.server;
    for (const role of ['owner', 'kitchen'])
      tokens.set(role, (await demo.login(user(role)?.email ?? '')).accessToken);
  }, 120_000);

  afterAll(async () => {
    await demo?.close();
  });

  const call = async (method: string, route: string, role?: string, body?: unknown) => {
    const token = role ? tokens.get(role) : undefined;
    const response = await fetch(`${server.url}/api/v1/simulator${route}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('lets an owner start, speed up and stop the simulation; others are refused', async () => {
    expect(await call('GET', '', 'owner')).toEqual({
      status: 200,
      body: { running: false, speed: 10, simulatedTime: null },
    });
    expect((await call('GET', '')).status).toBe(401);
    const kitchen = await call('POST', '/start', 'kitchen', {});
    expect(kitchen.status).toBe(403);
    expect(kitchen.body.code).toBe('forbidden');
    expect((await call('GET', '', 'owner')).body.running).toBe(false);

    const started = await call('POST', '/start', 'owner', { speed: 30 });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ running: true, speed: 30 });
    expect(typeof started.body.simulatedTime).toBe('string');

    const refused = await call('PUT', '/speed', 'owner', { speed: 0 });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('validation_failed');
    expect((await call('PUT', '/speed', 'owner', { speed: 60 })).body).toMatchObject({
      running: true,
      speed: 60,
    });

    const stopped = await call('POST', '/stop', 'owner');
    expect(stopped.body).toMatchObject({ running: false, speed: 60 });
    const again = await call('POST', '/start', 'owner', {});
    expect(again.body).toMatchObject({ running: true, speed: 60 });
    expect((await call('POST', '/stop', 'owner')).body.running).toBe(false);
  }, 60_000);
});

describe('simulator control outside demo mode', () => {
  it('is absent', async () => {
    const [kind] = await databaseKinds();
    if (!kind) throw new Error('no database kind');
    const t = await startTestApp(kind);
    try {
      const { token } = await t.userToken({ platformRole: 'platform_admin' });
      const response = await t.request({ method: 'GET', url: '/api/v1/simulator', token });
      expect(response.statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });
});
