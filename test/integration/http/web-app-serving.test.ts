import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrigadeApp } from '../../../src/http/brigade-app.js';
import { registerProblemHandling } from '../../../src/http/problem.js';
import { registerWebApp } from '../../../src/http/web-app.js';

const INDEX =
  '<!doctype html><title>Brigade</title><script type="module" src="/assets/app-1a2b.js"></script>';
const SCRIPT = `console.log(${JSON.stringify('brigade '.repeat(200))});`;

/**
 * How the API process serves the built web app (src/http/web-app.ts), over a build-shaped folder:
 * the page and its fallback for screen URLs, hashed assets cached for good and sent compressed as the
 * build wrote them, and the API's own 404 for everything else.
 */
describe('web app serving', () => {
  let root: string;
  let app: BrigadeApp;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'brigade-web-root-'));
    await mkdir(path.join(root, 'assets'));
    await writeFile(path.join(root, 'index.html'), INDEX);
    const script = path.join(root, 'assets', 'app-1a2b.js');
    await writeFile(script, SCRIPT);
    await writeFile(`${script}.br`, brotliCompressSync(SCRIPT));
    await writeFile(`${script}.gz`, gzipSync(SCRIPT));
    app = Fastify().withTypeProvider<TypeBoxTypeProvider>();
    registerProblemHandling(app);
    app.get('/api/v1/ping', async () => ({ ok: true }));
    await registerWebApp(app, root);
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('answers the page at / with its security policy, always revalidated', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.body).toBe(INDEX);
  });

  it('answers the page for a screen URL a browser opens, but not for API or unknown files', async () => {
    const screen = await app.inject({
      method: 'GET',
      url: '/orders/abc?status=ready',
      headers: { accept: 'text/html' },
    });
    expect(screen.statusCode).toBe(200);
    expect(screen.body).toBe(INDEX);
    const api = await app.inject({
      method: 'GET',
      url: '/api/v1/nothing-here',
      headers: { accept: 'text/html' },
    });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
    const missing = await app.inject({ method: 'GET', url: '/assets/missing.js' });
    expect(missing.statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/ping' })).json()).toEqual({ ok: true });
  });

  it('sends a hashed asset Brotli-compressed when the browser takes it, cached for a year', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/assets/app-1a2b.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toContain('javascript');
    expect(response.headers.vary).toContain('accept-encoding');
    expect(response.headers['cache-control']).toContain('immutable');
    expect(response.rawPayload.length).toBeLessThan(SCRIPT.length / 4);
    expect(brotliDecompressSync(response.rawPayload).toString()).toBe(SCRIPT);
  });

  it('falls back to gzip, then to the file itself', async () => {
    const gzip = await app.inject({
      method: 'GET',
      url: '/assets/app-1a2b.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    const plain = await app.inject({
      method: 'GET',
      url: '/assets/app-1a2b.js',
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });
});
