import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';

const [pglite] = await databaseKinds();

describe('GET /metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(pglite as NonNullable<typeof pglite>);
  });
  afterAll(() => t.close());

  it('serves Prometheus text with the live-feed gauges, without authentication', async () => {
    const response = await t.request({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body).toContain('# TYPE brigade_realtime_clients gauge');
    expect(response.body).toMatch(/^brigade_realtime_clients 0$/m);
    expect(response.body).toContain('# TYPE brigade_consumer_events_total counter');
  });
});
