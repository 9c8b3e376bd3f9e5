import { randomUUID } from 'node:crypto';
import { newOpaqueToken } from '../../auth/tokens.js';
import type { NotificationSender } from '../../notifications/senders/notification-sender.js';
import type { Queryable } from '../../storage/database.js';

/**
 * One-time links that let a person choose their password: a reset link (someone forgot theirs) or an
 * invitation (a business added them without choosing one for them). Both are rows of
 * `password_resets` (only the token's SHA-256 stored), used at `POST /api/v1/auth/password-reset/confirm`.
 */
export interface PasswordLink {
  id: string;
  token: string;
}

/** What account email needs: the sender, the web app's address, and where a failed send is reported. */
export interface AccountMail {
  mailer: NotificationSender;
  /** The web app's address, for links (never taken from the request's Host header, which a caller controls). */
  webUrl: () => string;
  onSendError: (error: unknown) => void;
}

/** A new link for the user, valid `minutes`, replacing any unused one (inside the caller's transaction). */
export async function issuePasswordLink(
  tx: Queryable,
  userId: string,
  minutes: number,
): Promise<PasswordLink> {
  const link = newOpaqueToken();
  const id = randomUUID();
  await tx.query('DELETE FROM password_resets WHERE user_id = $1 AND used_at IS NULL', [userId]);
  await tx.query(
    `INSERT INTO password_resets (id, user_id, token_hash, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(mins => $4))`,
    [id, userId, link.hash, minutes],
  );
  return { id, token: link.token };
}

/** The page that takes the link: the token in the fragment, which browsers never send to a server. */
export function passwordLinkUrl(webUrl: string, token: string): string {
  return `${webUrl.replace(/\/+$/, '')}/reset-password#token=${token}`;
}

/**
 * Emails the link in the background: the caller answers without waiting (and without saying whether
 * mail went out). A failed send is reported, not retried; the person can ask for a reset link.
 */
export function mailPasswordLink(
  mail: AccountMail,
  link: PasswordLink,
  to: { email: string; name: string },
  message: { kind: 'password_reset' | 'invitation'; subject: string; lines: (url: string) => string[] },
): void {
  const url = passwordLinkUrl(mail.webUrl(), link.token);
  void mail.mailer
    .send({
      deliveryId: link.id,
      channel: 'email',
      recipient: to.email,
      subject: message.subject,
      body: [`Hello ${to.name},`, '', ...message.lines(url)].join('\n'),
      data: { kind: message.kind },
    })
    .catch(mail.onSendError);
}
