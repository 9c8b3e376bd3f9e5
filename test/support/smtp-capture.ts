import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message the SMTP server accepted, parsed. */
export interface CapturedMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
  headers: Map<string, unknown>;
}

export interface SmtpCapture {
  /** `smtp://user:password@127.0.0.1:<port>`: what SMTP_URL would be. */
  url: string;
  mails: CapturedMail[];
  /** The next RCPT TO is answered 550 (a mailbox the server refuses). */
  refuseNext(): void;
  close(): Promise<void>;
}

const USER = 'brigade';
const PASSWORD = 'smtp-test-password';

/**
 * A real SMTP server on loopback (smtp-server, Nodemailer's own) that requires a login, refuses on
 * demand and keeps every accepted message, parsed with mailparser.
 */
export async function startSmtpCapture(): Promise<SmtpCapture> {
  const mails: CapturedMail[] = [];
  let refuse = false;
  const server = new SMTPServer({
    // No TLS on loopback in tests: login over plain text allowed, STARTTLS not offered.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASSWORD) callback(null, { user: USER });
      else callback(new Error('Invalid username or password'));
    },
    onRcptTo(_address, _session, callback) {
      if (!refuse) return callback();
      refuse = false;
      const error = Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
      callback(error);
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
          mails.push({
            from: parsed.from?.text ?? '',
            to: to?.text ?? '',
            subject: parsed.subject ?? '',
            text: (parsed.text ?? '').replace(/\n$/, ''),
            messageId: parsed.messageId ?? '',
            headers: parsed.headers,
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://${USER}:${PASSWORD}@127.0.0.1:${port}`,
    mails,
    refuseNext: () => {
      refuse = true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
