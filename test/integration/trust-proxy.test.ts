import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';

// Rate limits are kept in the API process, whatever the database: the embedded one is enough.
const [kind] = await databaseKinds();

/**
 * Behind a load balancer every request comes from the balancer: without BRIGADE_TRUST_PROXY the
 * password-reset limit (20 per client per 10 minutes) would be shared by every user. Told to trust
 * the balancer, the API keys limits on the client X-Forwarded-For names; not told, it ignores the
 * header, which any client can send.
 */
describe.runIf(kind)('the client address behind a proxy', () => {
  let trusting: TestApp;
  let direct: TestApp;
  beforeAll(async () => {
    if (!kind) return;
    // Test requests come from 127.0.0.1: here that is the load balancer.
    trusting = await startTestApp(kind, { config: { trustProxy: ['127.0.0.1'] } });
    direct = await startTestApp(kind);
  });
  afterAll(async () => {
    await trusting?.close();
    await direct?.close();
  });

  const askReset = (t: TestApp, client: string) =>
    t.request({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      body: { email: 'nobody@example.test' },
      headers: { 'x-forwarded-for': client },
    });

  it('keys the limits on the forwarded client when the proxy is trusted', async () => {
    for (let request = 0; request < 20; request++)
      expect((await askReset(trusting, '203.0.113.7')).statusCode).toBe(202);
    const limited = await askReset(trusting, '203.0.113.7');
    expect([limited.statusCode, limited.json().code]).toEqual([429, 'rate_limited']);
    // Another client behind the same balancer still gets its own allowance.
    expect((await askReset(trusting, '198.51.100.23')).statusCode).toBe(202);
  });

  it('ignores X-Forwarded-For from a peer it was not told to trust', async () => {
    for (let request = 0; request < 20; request++)
      expect((await askReset(direct, `203.0.113.${request}`)).statusCode).toBe(202);
    // Naming a new address each time does not buy more attempts: the peer is the client.
    const limited = await askReset(direct, '198.51.100.99');
    expect([limited.statusCode, limited.json().code]).toEqual([429, 'rate_limited']);
  });
});
