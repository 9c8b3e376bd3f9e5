import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneExpiredRecords } from '../../src/services/housekeeping/prune-records.js';
import { startTestApp, TEST_WEB_URL, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';

type Session = { accessToken: string; refreshToken: string; user: { id: string; email: string } };

for (const kind of await databaseKinds()) {
  describe(`account security on ${kind.name}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(kind);
    });
    afterAll(() => t.close());

    const post = (url: string, body: unknown, token?: string) =>
      t.request({ method: 'POST', url, body, ...(token ? { token } : {}) });
    let accounts = 0;
    /** A new customer with two sessions (two devices). */
    const customer = async () => {
      accounts += 1;
      const email = `guest${accounts}-${kind.name}@example.test`;
      const registered = await post('/api/v1/auth/register', {
        email,
        password: 'first password',
        name: 'Guest',
      });
      expect(registered.statusCode).toBe(201);
      const phone = (
        await post('/api/v1/auth/login', { email, password: 'first password' })
      ).json() as Session;
      return { email, laptop: registered.json() as Session, phone };
    };
    const refresh = (session: Session) =>
      post('/api/v1/auth/refresh', { refreshToken: session.refreshToken });
    const login = (email: string, password: string) => post('/api/v1/auth/login', { email, password });

    it('signs a device out, or with everywhere every device; signing out twice is fine', async () => {
      const { laptop, phone } = await customer();
      const out = await post('/api/v1/auth/logout', { refreshToken: laptop.refreshToken });
      expect(out.statusCode).toBe(204);
      expect((await refresh(laptop)).json().code).toBe('invalid_token');
      expect((await refresh(phone)).statusCode).toBe(200);
      expect((await post('/api/v1/auth/logout', { refreshToken: laptop.refreshToken })).statusCode).toBe(204);
      expect((await post('/api/v1/auth/logout', { refreshToken: 'never-issued' })).statusCode).toBe(204);

      const { laptop: a, phone: b } = await customer();
      expect(
        (await post('/api/v1/auth/logout', { refreshToken: a.refreshToken, everywhere: true })).statusCode,
      ).toBe(204);
      expect((await refresh(a)).statusCode).toBe(401);
      expect((await refresh(b)).statusCode).toBe(401);
      expect((await post('/api/v1/auth/logout', {})).json().code).toBe('validation_failed');
    });

    it('changes the password with the current one, ending the other sessions', async () => {
      const { email, laptop, phone } = await customer();
      const wrong = await post(
        '/api/v1/auth/password',
        { currentPassword: 'not it', newPassword: 'second password' },
        laptop.accessToken,
      );
      expect([wrong.statusCode, wrong.json().code]).toEqual([403, 'current_password_wrong']);
      const short = await post(
        '/api/v1/auth/password',
        { currentPassword: 'first password', newPassword: 'short' },
        laptop.accessToken,
      );
      expect(short.json().code).toBe('validation_failed');
      expect(
        (
          await post('/api/v1/auth/password', {
            currentPassword: 'first password',
            newPassword: 'second password',
          })
        ).statusCode,
      ).toBe(401);
      expect((await login(email, 'first password')).statusCode).toBe(200);

      const changed = await post(
        '/api/v1/auth/password',
        { currentPassword: 'first password', newPassword: 'second password' },
        laptop.accessToken,
      );
      expect(changed.statusCode).toBe(200);
      const session = changed.json() as Session;
      expect(session.user.email).toBe(email);
      expect((await refresh(laptop)).statusCode).toBe(401);
      expect((await refresh(phone)).statusCode).toBe(401);
      expect((await refresh(session)).statusCode).toBe(200);
      expect((await login(email, 'first password')).json().code).toBe('invalid_credentials');
      expect((await login(email, 'second password')).statusCode).toBe(200);
    });

    const resetLinkIn = (to: string) => {
      const mails = t.mail.sent.filter((mail) => mail.recipient === to);
      const body = mails.at(-1)?.body ?? '';
      const link = /https:\/\/\S+/.exec(body)?.[0] ?? '';
      return { count: mails.length, link, token: new URL(link || 'https://x').hash.replace('#token=', '') };
    };

    it('mails a one-time reset link that sets a new password and ends every session', async () => {
      const { email, laptop } = await customer();
      const asked = await post('/api/v1/auth/password-reset', { email: email.toUpperCase() });
      expect([asked.statusCode, asked.json()]).toEqual([202, { accepted: true }]);
      const mail = t.mail.sent.filter((sent) => sent.recipient === email);
      expect(mail).toHaveLength(1);
      expect(mail[0]).toMatchObject({ channel: 'email', subject: 'Reset your Brigade password' });
      const { link, token } = resetLinkIn(email);
      expect(link.startsWith(`${TEST_WEB_URL}/reset-password#token=`)).toBe(true);
      expect(token.length).toBeGreaterThanOrEqual(40);
      // Only the token's hash is stored.
      const { rows } = await t.db.query<{ token_hash: string }>(
        'SELECT token_hash FROM password_resets r JOIN users u ON u.id = r.user_id WHERE u.email = $1',
        [email],
      );
      expect(rows.map((row) => row.token_hash)).toEqual([createHash('sha256').update(token).digest('hex')]);

      // Asking again within the minute mails nothing more.
      await post('/api/v1/auth/password-reset', { email });
      expect(resetLinkIn(email).count).toBe(1);

      const tooShort = await post('/api/v1/auth/password-reset/confirm', { token, newPassword: 'short' });
      expect(tooShort.json().code).toBe('validation_failed');
      const confirmed = await post('/api/v1/auth/password-reset/confirm', {
        token,
        newPassword: 'reset password',
      });
      expect(confirmed.statusCode).toBe(200);
      expect((confirmed.json() as Session).user.email).toBe(email);
      expect((await refresh(laptop)).statusCode).toBe(401);
      expect((await login(email, 'first password')).statusCode).toBe(401);
      expect((await login(email, 'reset password')).statusCode).toBe(200);

      const again = await post('/api/v1/auth/password-reset/confirm', {
        token,
        newPassword: 'third password',
      });
      expect([again.statusCode, again.json().code]).toEqual([400, 'reset_link_invalid']);
      expect(
        (
          await post('/api/v1/auth/password-reset/confirm', {
            token: 'made-up',
            newPassword: 'third password',
          })
        ).json().code,
      ).toBe('reset_link_invalid');
    });

    it('answers an unknown address exactly like a known one, and mails nothing', async () => {
      const before = t.mail.sent.length;
      const asked = await post('/api/v1/auth/password-reset', { email: 'nobody-here@example.test' });
      expect([asked.statusCode, asked.json()]).toEqual([202, { accepted: true }]);
      expect(t.mail.sent.length).toBe(before);
      expect((await post('/api/v1/auth/password-reset', { email: 'not an email' })).json().code).toBe(
        'validation_failed',
      );
    });

    it('slows password guessing: the 11th sign-in for one email from one client in 5 minutes is refused', async () => {
      const { email } = await customer(); // one sign-in already
      for (let attempt = 0; attempt < 8; attempt++) {
        expect((await login(email, `guess ${attempt}`)).json().code).toBe('invalid_credentials');
      }
      // The 10th is still judged on the password (the right one here).
      expect((await login(email, 'first password')).statusCode).toBe(200);
      const limited = await login(email.toUpperCase(), 'first password');
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['content-type']).toContain('application/problem+json');
      expect(limited.json()).toMatchObject({ code: 'rate_limited', status: 429 });
      expect(limited.headers['retry-after']).toBeDefined();
      // Another address from the same client is not affected.
      const other = await customer();
      expect((await login(other.email, 'first password')).statusCode).toBe(200);
    });

    it('refuses an expired link and one replaced by a newer request; housekeeping deletes spent links', async () => {
      const { email } = await customer();
      await post('/api/v1/auth/password-reset', { email });
      const first = resetLinkIn(email).token;
      // A minute later (the throttle), a second request replaces the first link.
      await t.db.query(
        `UPDATE password_resets SET created_at = created_at - interval '2 minutes'
          WHERE user_id = (SELECT id FROM users WHERE email = $1)`,
        [email],
      );
      await post('/api/v1/auth/password-reset', { email });
      const second = resetLinkIn(email);
      expect(second.count).toBe(2);
      expect(second.token).not.toBe(first);
      expect(
        (
          await post('/api/v1/auth/password-reset/confirm', { token: first, newPassword: 'replaced link' })
        ).json().code,
      ).toBe('reset_link_invalid');

      await t.db.query(
        `UPDATE password_resets SET expires_at = now() - interval '1 second'
          WHERE user_id = (SELECT id FROM users WHERE email = $1)`,
        [email],
      );
      expect(
        (
          await post('/api/v1/auth/password-reset/confirm', {
            token: second.token,
            newPassword: 'expired link',
          })
        ).json().code,
      ).toBe('reset_link_invalid');
      expect((await login(email, 'first password')).statusCode).toBe(200);

      const pruned = await pruneExpiredRecords(t.db, new Date(), { records: 7, activity: 90 });
      expect(pruned.passwordResets).toBeGreaterThanOrEqual(1);
      const { rows } = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM password_resets WHERE expires_at < now() OR used_at IS NOT NULL`,
      );
      expect(rows[0]?.n).toBe(0);
    });
  });
}
