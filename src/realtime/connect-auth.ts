import type { FastifyRequest } from 'fastify';
import { decodeJwt } from 'jose';
import type { BrigadeApp } from '../http/brigade-app.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route also accepts the access token as `?access_token=` (WebSocket and EventSource clients
     * in browsers cannot set an Authorization header). The header wins when both are sent.
     */
    queryToken?: boolean;
  }
}

/**
 * For routes that declare `config.queryToken`, moves `?access_token=` into the Authorization header
 * before access control runs, so those routes are authenticated and tenant-checked by exactly the
 * same code as every other route. Must be registered before `registerAccessControl`.
 */
export function registerQueryToken(app: BrigadeApp): void {
  app.addHook('onRequest', async (request) => {
    if (!request.routeOptions.config?.queryToken || request.headers.authorization) return;
    const token = (request.query as Record<string, unknown> | undefined)?.access_token;
    if (typeof token === 'string' && token.length > 0) request.raw.headers.authorization = `Bearer ${token}`;
  });
}

/**
 * When the access token of an authenticated request expires (ms since epoch). Live connections outlast
 * requests, so they are closed at that moment: a revoked role stops receiving events within one token
 * lifetime, as it does on the REST API. The signature was already verified by access control.
 */
export function tokenExpiresAtMs(request: FastifyRequest): number | undefined {
  const token = request.headers.authorization?.split(' ')[1];
  if (!token) return undefined;
  try {
    const exp = decodeJwt(token).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
