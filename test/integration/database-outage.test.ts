import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { SimulatedGateway } from '../../src/payments/simulated-gateway.js';
import { openPostgres } from '../../src/storage/postgres-database.js';
import { TEST_JWT_SECRET } from '../support/app.js';

describe('a database outage', () => {
  it('answers 503 service_unavailable, and /health/ready reports it', async () => {
    // Nothing listens on port 1: every query fails to connect, as during a database restart.
    const db = openPostgres({ connectionString: 'postgres://nobody@127.0.0.1:1/none' });
    const app = await buildApp({
      db,
      config: { accessTokenTtlSeconds: 60, refreshTokenTtlSeconds: 600, bodyLimitBytes: 1024 },
      jwtSecret: TEST_JWT_SECRET,
      gateway: new SimulatedGateway(db),
    });
    try {
      const restaurants = await app.inject({ method: 'GET', url: '/api/v1/restaurants' });
      expect(restaurants.statusCode).toBe(503);
      expect(restaurants.json().code).toBe('service_unavailable');
      const ready = await app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json().status).toBe('unavailable');
      expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await db.close();
    }
  });
});
