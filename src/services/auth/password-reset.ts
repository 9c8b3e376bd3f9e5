import { randomUUID } from 'node:crypto';
import { hashPassword } from '../../auth/passwords.js';
import { hashOpaqueToken, newOpaqueToken } from '../../auth/tokens.js';
import { AppError } from '../../errors/app-error.js';
import type { NotificationSender } from '../../notifications/senders/notification-sender.js';
import type { Database } from '../../storage/database.js';
import type { AuthService, Session } from './auth-service.js';
import { setPassword } from './auth-service.js';

/** How long a reset link works. */
export const RESET_LINK_MINUTES = 30;
/** At most one reset email per account per this many seconds: a form cannot be used to mail-bomb someone. */
const THROTTLE_SECONDS = 60;

export interface PasswordResetDeps {
  db: Database;
  auth: AuthService;
  /** The email sender (SMTP when configured, else the development sink). */
  mailer: NotificationSender;
  /** The web app's address, for the link (never taken from the request's Host header, which a caller controls). */
  webUrl: () => string;
  /** Where a failed send is reported: the answer to the request never says whether mail went out. */
  onSendError: (error: unknown) => void;
}

/**
 * Starts a reset for whoever owns `email`: a one-time link (token in the URL fragment, so it never
 * reaches a server log) mailed to that address. It answers the same whether the account exists or
 * not, and sends in the background, so neither the answer nor its timing tells a caller which
 * addresses have accounts.
 */
export async function requestPasswordReset(deps: PasswordResetDeps, email: string): Promise<void> {
  const { rows } = await deps.db.query<{ id: string; email: string; name: string }>(
    'SELECT id, email, name FROM users WHERE lower(email) = lower($1)',
    [email.trim()],
  );
  const user = rows[0];
  if (!user) return;
  const link = newOpaqueToken();
  const resetId = await deps.db.transaction(async (tx) => {
    const recent = await tx.query(
      'SELECT 1 FROM password_resets WHERE user_id = $1 AND created_at > now() - make_interval(secs => $2)',
      [user.id, THROTTLE_SECONDS],
    );
    if (recent.rows.length > 0) return undefined;
    // A newer link replaces an unused older one.
    await tx.query('DELETE FROM password_resets WHERE user_id = $1 AND used_at IS NULL', [user.id]);
    const id = randomUUID();
    await tx.query(
      `INSERT INTO password_resets (id, user_id, token_hash, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(mins => $4))`,
      [id, user.id, link.hash, RESET_LINK_MINUTES],
    );
    return id;
  });
  if (!resetId) return;
  const url = `${deps.webUrl().replace(/\/+$/, '')}/reset-password#token=${link.token}`;
  void deps.mailer
    .send({
      deliveryId: resetId,
      channel: 'email',
      recipient: user.email,
      subject: 'Reset your Brigade password',
      body: [
        `Hello ${user.name},`,
        '',
        `Someone, hopefully you, asked to reset the password of this account. Open this link within ${RESET_LINK_MINUTES} minutes to choose a new one:`,
        '',
        url,
        '',
        'If it was not you, ignore this email: your password stays as it is.',
      ].join('\n'),
      data: { kind: 'password_reset' },
    })
    .catch(deps.onSendError);
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
