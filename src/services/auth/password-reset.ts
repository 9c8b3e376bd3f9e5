import { hashPassword } from '../../auth/passwords.js';
import { hashOpaqueToken } from '../../auth/tokens.js';
import { AppError } from '../../errors/app-error.js';
import type { Database } from '../../storage/database.js';
import type { AuthService, Session } from './auth-service.js';
import { setPassword } from './auth-service.js';
import { type AccountMail, issuePasswordLink, mailPasswordLink } from './password-links.js';

/** How long a reset link works. */
export const RESET_LINK_MINUTES = 30;
/** At most one reset email per account per this many seconds: a form cannot be used to mail-bomb someone. */
const THROTTLE_SECONDS = 60;

export interface PasswordResetDeps extends AccountMail {
  db: Database;
  auth: AuthService;
}

/**
 * Starts a reset for whoever owns `email`: a one-time link mailed to that address. It answers the same
 * whether the account exists or not, and sends in the background, so neither the answer nor its timing
 * tells a caller which addresses have accounts.
 */
export async function requestPasswordReset(deps: PasswordResetDeps, email: string): Promise<void> {
  const { rows } = await deps.db.query<{ id: string; email: string; name: string }>(
    'SELECT id, email, name FROM users WHERE lower(email) = lower($1)',
    [email.trim()],
  );
  const user = rows[0];
  if (!user) return;
  const link = await deps.db.transaction(async (tx) => {
    const recent = await tx.query(
      'SELECT 1 FROM password_resets WHERE user_id = $1 AND created_at > now() - make_interval(secs => $2)',
      [user.id, THROTTLE_SECONDS],
    );
    return recent.rows.length > 0 ? undefined : issuePasswordLink(tx, user.id, RESET_LINK_MINUTES);
  });
  if (!link) return;
  mailPasswordLink(deps, link, user, {
    kind: 'password_reset',
    subject: 'Reset your Brigade password',
    lines: (url) => [
      `Someone, hopefully you, asked to reset the password of this account. Open this link within ${RESET_LINK_MINUTES} minutes to choose a new one:`,
      '',
      url,
      '',
      'If it was not you, ignore this email: your password stays as it is.',
    ],
  });
}

/**
 * Sets a new password with a reset link's token: the link is used up, every session of the account
 * ends, and the caller is signed in with a new one.
 */
export async function confirmPasswordReset(
  deps: Pick<PasswordResetDeps, 'db' | 'auth'>,
  token: string,
  newPassword: string,
): Promise<Session> {
  const passwordHash = await hashPassword(newPassword);
  return deps.db.transaction(async (tx) => {
    const { rows } = await tx.query<{ user_id: string }>(
      `UPDATE password_resets SET used_at = now()
       WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
       RETURNING user_id`,
      [hashOpaqueToken(token)],
    );
    const userId = rows[0]?.user_id;
    if (!userId) throw new AppError('reset_link_invalid');
    await setPassword(tx, userId, passwordHash);
    return deps.auth.openSession(tx, userId);
  });
}
