import { createHash, randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { Membership, Principal } from './principal.js';

interface AccessClaims {
  pr: Principal['platformRole'];
  m: { b: string; r: Membership['role']; p: Membership['position']; l: string[] }[];
}

/**
 * Access tokens are short-lived HS256 JWTs carrying the user's memberships, so authorisation needs no
 * database round trip; a role change takes effect at the next refresh (at most the access TTL).
 */
export class TokenService {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly accessTtlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async issueAccessToken(principal: Principal): Promise<string> {
    const claims: AccessClaims = {
      pr: principal.platformRole,
      m: principal.memberships.map((m) => ({ b: m.businessId, r: m.role, p: m.position, l: m.locationIds })),
    };
    return new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(principal.userId)
      .setIssuer('brigade')
      .setIssuedAt()
      .setExpirationTime(`${this.accessTtlSeconds}s`)
      .sign(this.key);
  }

  /** Returns the principal, or undefined for any invalid, expired or foreign token. */
  async verifyAccessToken(token: string): Promise<Principal | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: 'brigade', algorithms: ['HS256'] });
      const claims = payload as unknown as AccessClaims & { sub?: string };
      if (!claims.sub || !Array.isArray(claims.m)) return undefined;
      return {
        userId: claims.sub,
        platformRole: claims.pr === 'platform_admin' ? 'platform_admin' : 'user',
        memberships: claims.m.map((m) => ({
          businessId: m.b,
          role: m.r,
          position: m.p,
          locationIds: m.l ?? [],
        })),
      };
    } catch {
      return undefined;
    }
  }
}

/**
 * Refresh tokens and password-reset tokens are opaque random strings (256 bits); only their SHA-256
 * is stored, so a database leak does not leak sessions or reset links.
 */
export function newOpaqueToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashOpaqueToken(token) };
}

export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
