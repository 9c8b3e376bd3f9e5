import { randomUUID } from 'node:crypto';
import { newOpaqueToken } from '../../auth/tokens.js';
import { afterFailure, type RetryPolicy } from '../../domain/notifications/delivery-retry.js';
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
  /** Called once a message is given up, with the last attempt's error. */
  onSendError: (error: unknown) => void;
  /** When to try a failed send again (default ACCOUNT_MAIL_RETRY). */
  retry?: RetryPolicy;
}

/**
 * Account email is retried within about a minute (after 5, 10 and 20 s): long enough for a mail
 * server's hiccup, short next to a reset link's 30 minutes. The link's token exists only in this
 * process (the database keeps its hash), so the retries are timers here rather than rows of the
 * notification outbox: a restart in that minute drops them, and the person asks for a new link.
 */
export const ACCOUNT_MAIL_RETRY: RetryPolicy = { maxAttempts: 4, baseMs: 5_000, maxMs: 60_000 };

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
 * mail went out). A failed send is tried again (ACCOUNT_MAIL_RETRY) with the same delivery id, on
 * which mail systems deduplicate, then reported once.
 */
export function mailPasswordLink(
  mail: AccountMail,
  link: PasswordLink,
  to: { email: string; name: string },
  message: { kind: 'password_reset' | 'invitation'; subject: string; lines: (url: string) => string[] },
): void {
  const url = passwordLinkUrl(mail.webUrl(), link.token);
  const outgoing = {
    deliveryId: link.id,
    channel: 'email' as const,
    recipient: to.email,
    subject: message.subject,
    body: [`Hello ${to.name},`, '', ...message.lines(url)].join('\n'),
    data: { kind: message.kind },
  };
  const policy = mail.retry ?? ACCOUNT_MAIL_RETRY;
  let attempts = 0;
  const attempt = (): void => {
    attempts += 1;
    mail.mailer.send(outgoing).catch((error: unknown) => {
      const decision = afterFailure(policy, attempts, new Date());
      if (decision.kind === 'give_up') {
        mail.onSendError(error);
        return;
      }
      // Unref'd: a pending retry does not hold a stopping process open.
      setTimeout(attempt, decision.at.getTime() - Date.now()).unref();
    });
  };
  attempt();
}
