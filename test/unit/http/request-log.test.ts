import Fastify from 'fastify';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { RedactingLogController, redactUrl } from '../../../src/http/request-log.js';

describe('redactUrl', () => {
  it('cuts access tokens out of logged URLs and leaves the rest', () => {
    expect(redactUrl('/api/v1/ws/kds/abc?access_token=eyJhbGciOi.x.y')).toBe(
      '/api/v1/ws/kds/abc?access_token=[redacted]',
    );
    expect(redactUrl('/api/v1/orders/1/stream?lastEventId=4&access_token=secret&x=1')).toBe(
      '/api/v1/orders/1/stream?lastEventId=4&access_token=[redacted]&x=1',
    );
    expect(redactUrl('/api/v1/restaurants?limit=5')).toBe('/api/v1/restaurants?limit=5');
  });
});

describe('RedactingLogController', () => {
  it('keeps the token out of the logged request line', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const app = Fastify({ loggerInstance: logger, logController: new RedactingLogController() });
    app.get('/feed', async () => ({ ok: true }));
    await app.inject({ method: 'GET', url: '/feed?access_token=super-secret-token' });
    await app.close();
    const log = lines.join('');
    expect(log).toContain('/feed?access_token=[redacted]');
    expect(log).toContain('request completed');
    expect(log).not.toContain('super-secret-token');
  });
});
