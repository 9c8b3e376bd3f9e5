import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpSender } from '../../../src/notifications/senders/smtp-sender.js';
import { type AccountMail, mailPasswordLink } from '../../../src/services/auth/password-links.js';
import { type SmtpCapture, startSmtpCapture } from '../../support/smtp-capture.js';

const FROM = 'Brigade <no-reply@brigade.test>';
// The product's policy retries after 5, 10 and 20 s; the same rule, in milliseconds.
const FAST = { maxAttempts: 3, baseMs: 20, maxMs: 100 };

/** A port nothing listens on: a mail server that is down. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Account email (reset links, invitations) through a real SMTP server: a refused send is tried again
 * with the same delivery id until the server takes it; a server that stays down is given up after the
 * policy's attempts and reported once.
 */
describe('account email retries', () => {
  let smtp: SmtpCapture;
  beforeAll(async () => {
    smtp = await startSmtpCapture();
  });
  afterAll(async () => {
    await smtp?.close();
  });

  const waitFor = async (done: () => boolean, what: string) => {
    for (let waited = 0; !done(); waited += 20) {
      if (waited > 10_000) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const invite = (mail: AccountMail, id: string) =>
    mailPasswordLink(
      mail,
      { id, token: 'secret-token' },
      { email: 'new.cook@example.test', name: 'New Cook' },
      { kind: 'invitation', subject: 'Northwind invited you to Brigade', lines: (url) => [url] },
    );

  it('sends again after the server refused, the same message once delivered', async () => {
    const errors: unknown[] = [];
    smtp.refuseNext();
    invite(
      {
        mailer: new SmtpSender({ url: smtp.url, from: FROM }),
        webUrl: () => 'https://brigade.test',
        onSendError: (error) => errors.push(error),
        retry: FAST,
      },
      '7b0c6f57-2a4e-4a55-9d0e-5f1b2b4a9c01',
    );
    await waitFor(() => smtp.mails.length === 1, 'the retried invitation');
    const [mail] = smtp.mails;
    expect(mail?.subject).toBe('Northwind invited you to Brigade');
    expect(mail?.text).toContain('https://brigade.test/reset-password#token=secret-token');
    expect(mail?.messageId).toBe('<7b0c6f57-2a4e-4a55-9d0e-5f1b2b4a9c01@brigade.notifications>');
    expect(errors).toEqual([]);
  });

  it('gives up after the last attempt and reports it once', async () => {
    const errors: unknown[] = [];
    const port = await deadPort();
    invite(
      {
        mailer: new SmtpSender({ url: `smtp://127.0.0.1:${port}`, from: FROM }),
        webUrl: () => 'https://brigade.test',
        onSendError: (error) => errors.push(error),
        retry: FAST,
      },
      'c3f7a1d2-51b4-4f0e-8a3c-2d9e6b7f1a02',
    );
    await waitFor(() => errors.length > 0, 'the failure report');
    // Time for a fourth attempt, had there been one: still one report.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/ECONNREFUSED/);
  });
});
