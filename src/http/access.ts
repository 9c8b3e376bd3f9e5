import type { FastifyRequest } from 'fastify';
import { type ActorRole, actorRoleIn, membershipIn, type Principal } from '../auth/principal.js';
import type { TokenService } from '../auth/tokens.js';
import { AppError } from '../errors/app-error.js';
import { UUID_PATTERN } from '../schemas/formats.js';
import type { Queryable } from '../storage/database.js';
import type { BrigadeApp } from './brigade-app.js';

/**
 * What a route needs from its caller. Every route declares one (registration fails otherwise):
 * - 'public': anyone;
 * - 'authenticated': any signed-in user; the handler checks ownership of what it touches;
 * - 'platform_admin': platform administrators only;
 * - { businessParam | locationParam, roles }: the tenant named by that path parameter, in one of
 *   these roles (platform admins always pass). A location parameter is resolved to its business.
 */
export type Access =
  | 'public'
  | 'authenticated'
  | 'platform_admin'
  | { businessParam: string; roles: readonly ActorRole[] }
  | { locationParam: string; roles: readonly ActorRole[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | undefined;
    /** The business the route's tenant parameter resolved to (tenant-scoped routes only). */
    tenantBusinessId: string | undefined;
  }
}

export const STAFF_ROLES: readonly ActorRole[] = ['owner', 'manager', 'kitchen', 'cashier', 'driver'];
export const MANAGER_ROLES: readonly ActorRole[] = ['owner', 'manager'];

export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthenticated');
  return request.principal;
}

export function registerAccessControl(app: BrigadeApp, deps: { db: Queryable; tokens: TokenService }): void {
  // A location never moves to another business, so its owner can be cached for the process lifetime.
  const locationBusiness = new Map<string, string>();
  const businessOfLocation = async (locationId: string): Promise<string> => {
    const cached = locationBusiness.get(locationId);
    if (cached) return cached;
    const { rows } = await deps.db.query<{ business_id: string }>(
      'SELECT business_id FROM locations WHERE id = $1',
      [locationId],
    );
    const businessId = rows[0]?.business_id;
    if (!businessId) throw new AppError('not_found', 'Location not found');
    locationBusiness.set(locationId, businessId);
    return businessId;
  };

  const businessExists = async (businessId: string) =>
    (await deps.db.query('SELECT 1 FROM businesses WHERE id = $1', [businessId])).rowCount > 0;

  app.decorateRequest('principal', undefined);
  app.decorateRequest('tenantBusinessId', undefined);

  app.addHook('onRoute', (route) => {
    if (route.config?.access === undefined && !route.url.startsWith('/docs')) {
      throw new Error(`route ${route.method} ${route.url} declares no access policy`);
    }
  });

  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (header) {
      const [scheme, token] = header.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !token)
        throw new AppError('invalid_token', 'Use a Bearer token');
      const principal = await deps.tokens.verifyAccessToken(token);
      if (!principal) throw new AppError('invalid_token');
      request.principal = principal;
    }
    const access = request.routeOptions.config?.access;
    if (access === undefined || access === 'public') return;
    const principal = requirePrincipal(request);
    if (access === 'authenticated') return;
    if (access === 'platform_admin') {
      if (principal.platformRole !== 'platform_admin') throw new AppError('forbidden');
      return;
    }
    const params = request.params as Record<string, string | undefined>;
    let businessId: string;
    let locationId: string | undefined;
    if ('businessParam' in access) {
      businessId = params[access.businessParam] ?? '';
    } else {
      locationId = params[access.locationParam] ?? '';
      if (!UUID_PATTERN.test(locationId)) throw new AppError('not_found', 'Location not found');
      businessId = await businessOfLocation(locationId);
    }
    if (!UUID_PATTERN.test(businessId)) throw new AppError('not_found', 'Business not found');
    const role = actorRoleIn(principal, businessId, locationId);
    if (role === 'platform_admin') {
      // A membership proves the business exists; an admin has none, so check, for a 404 instead of a
      // failed foreign key deeper down. (A location parameter was already resolved to its business.)
      if (!locationId && !(await businessExists(businessId)))
        throw new AppError('not_found', 'Business not found');
    } else if (!access.roles.includes(role)) {
      // Business and location ids are not secret (restaurants are public): a plain 403, saying whether
      // it is the business or, for staff of the business, the location that is not theirs.
      if (role !== 'customer') throw new AppError('forbidden');
      throw locationId && membershipIn(principal, businessId)
        ? new AppError('forbidden', 'No access to this location: your membership covers other locations')
        : new AppError('forbidden', 'No access to this business');
    }
    request.tenantBusinessId = businessId;
  });
}
