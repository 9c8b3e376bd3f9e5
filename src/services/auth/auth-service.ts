import { randomUUID } from 'node:crypto';
import { hashPassword, verifyPassword } from '../../auth/passwords.js';
import { hashOpaqueToken, newOpaqueToken, type TokenService } from '../../auth/tokens.js';
import { AppError } from '../../errors/app-error.js';
import type { Database, Queryable } from '../../storage/database.js';
import { loadPrincipal } from './principal-loader.js';

export interface UserView {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  platformRole: 'platform_admin' | 'user';
  memberships: { businessId: string; role: string; position: string | null; locationIds: string[] }[];
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: UserView;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  password_hash: string;
  platform_role: 'platform_admin' | 'user';
}

export class AuthService {
  constructor(
    private readonly db: Database,
    private readonly tokens: TokenService,
    private readonly ttl: { accessTokenTtlSeconds: number; refreshTokenTtlSeconds: number },
  ) {}

  async register(input: {
    email: string;
    password: string;
    name: string;
    phone?: string | undefined;
  }): Promise<Session> {
    const id = randomUUID();
    const passwordHash = await hashPassword(input.password);
    const inserted = await this.db.query(
      `INSERT INTO users (id, email, name, phone, password_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING`,
      [id, input.email.trim(), input.name, input.phone ?? null, passwordHash],
    );
    if (inserted.rowCount === 0) throw new AppError('email_taken');
    return this.openSession(this.db, id);
  }

  async login(email: string, password: string): Promise<Session> {
    const { rows } = await this.db.query<UserRow>('SELECT * FROM users WHERE lower(email) = lower($1)', [
      email.trim(),
    ]);
    const user = rows[0];
    // Verify against a dummy hash when the user is unknown, so timing does not reveal which emails exist.
    const valid = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
    if (!user || !valid) throw new AppError('invalid_credentials');
    return this.openSession(this.db, user.id);
  }

  /** Rotates a refresh token: the old one is revoked and a new pair issued, in one transaction. */
  async refresh(refreshToken: string): Promise<Session> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string; user_id: string }>(
        `UPDATE refresh_tokens SET revoked_at = now()
         WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
         RETURNING id, user_id`,
        [hashOpaqueToken(refreshToken)],
      );
      const row = rows[0];
      if (!row) throw new AppError('invalid_token', 'Refresh token is invalid, expired or already used');
      return this.openSession(tx, row.user_id);
    });
  }

  /**
   * Ends the session of a refresh token (revokes it), or with `everywhere` every session of its user:
   * each device is signed out at its next refresh, at most the access token's lifetime later. An
   * unknown, used or expired token changes nothing and is not an error (signing out twice is fine).
   */
  async logout(refreshToken: string, everywhere: boolean): Promise<void> {
    await this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ user_id: string }>(
        `UPDATE refresh_tokens SET revoked_at = now()
         WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
         RETURNING user_id`,
        [hashOpaqueToken(refreshToken)],
      );
      const userId = rows[0]?.user_id;
      if (everywhere && userId) await revokeSessions(tx, userId);
    });
  }

  /**
   * Changes the password of a signed-in user who knows the current one; every session of theirs ends
   * (a stolen refresh token stops working) and this device gets a new one.
   */
  async changePassword(userId: string, currentPassword: string, newPassword: string): Promise<Session> {
    const { rows } = await this.db.query<UserRow>('SELECT * FROM users WHERE id = $1', [userId]);
    const user = rows[0];
    if (!user) throw new AppError('not_found', 'User not found');
    if (!(await verifyPassword(currentPassword, user.password_hash)))
      throw new AppError('current_password_wrong');
    const passwordHash = await hashPassword(newPassword);
    return this.db.transaction(async (tx) => {
      await setPassword(tx, userId, passwordHash);
      return this.openSession(tx, userId);
    });
  }

  async me(userId: string): Promise<UserView> {
    const view = await this.userView(this.db, userId);
    if (!view) throw new AppError('not_found', 'User not found');
    return view;
  }

  /** A new token pair for the user (their memberships read now), inside the caller's transaction. */
  async openSession(db: Queryable, userId: string): Promise<Session> {
    const principal = await loadPrincipal(db, userId);
    const user = await this.userView(db, userId);
    if (!principal || !user) throw new AppError('not_found', 'User not found');
    const refresh = newOpaqueToken();
    await db.query(
      `INSERT INTO refresh_tokens (id, user_id, token_hash, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
      [randomUUID(), userId, refresh.hash, this.ttl.refreshTokenTtlSeconds],
    );
    return {
      accessToken: await this.tokens.issueAccessToken(principal),
      refreshToken: refresh.token,
      expiresIn: this.ttl.accessTokenTtlSeconds,
      user,
    };
  }

  private async userView(db: Queryable, userId: string): Promise<UserView | undefined> {
    const { rows } = await db.query<UserRow>('SELECT * FROM users WHERE id = $1', [userId]);
    const user = rows[0];
    const principal = await loadPrincipal(db, userId);
    if (!user || !principal) return undefined;
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      phone: user.phone,
      platformRole: user.platform_role,
      memberships: principal.memberships.map((m) => ({
        businessId: m.businessId,
        role: m.role,
        position: m.position,
        locationIds: m.locationIds,
      })),
    };
  }
}

/** Ends every session of the user: their refresh tokens stop working. */
export async function revokeSessions(db: Queryable, userId: string): Promise<void> {
  await db.query('UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [
    userId,
  ]);
}

/** Sets a new password hash and ends every session of the user. */
export async function setPassword(db: Queryable, userId: string, passwordHash: string): Promise<void> {
  await db.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [
    userId,
    passwordHash,
  ]);
  await revokeSessions(db, userId);
}

const DUMMY_HASH = 'scrypt$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** Creates or updates the platform admin named in configuration (idempotent; runs on every start). */
export async function bootstrapPlatformAdmin(
  db: Database,
  admin: { email: string; password: string },
): Promise<void> {
  const passwordHash = await hashPassword(admin.password);
  await db.query(
    `INSERT INTO users (id, email, name, password_hash, platform_role) VALUES ($1, $2, 'Platform admin', $3, 'platform_admin')
     ON CONFLICT ((lower(email))) DO UPDATE SET password_hash = EXCLUDED.password_hash, platform_role = 'platform_admin', updated_at = now()`,
    [randomUUID(), admin.email, passwordHash],
  );
}
