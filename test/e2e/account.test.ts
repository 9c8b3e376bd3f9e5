import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TEST_PASSWORD } from '../support/demo-server.js';
import { isChromiumAvailable } from './support/chromium.js';
import { mailedPasswordLink } from './support/outgoing-mail.js';
import { startWebHarness, type WebHarness } from './support/web-harness.js';

/** A used reset link (400) and a wrong current password (403) are refused by the API, which the browser logs. */
const EXPECTED_REFUSALS = /Failed to load resource: the server responded with a status of (400|403)/;
const AVA = 'ava@northwind.example';

/**
 * Account help in headless Chromium, on the embedded platform as `npm start` runs it: a customer who
 * forgot her password asks for a link, opens it from the email (read where the development sink keeps
 * outgoing mail, DATA_DIR/outgoing-notifications.jsonl), chooses a new password and is signed in;
 * she changes it again on her account page, and signing out ends the session on the server too.
 */
describe.skipIf(!(await isChromiumAvailable()))('account help in headless Chromium', () => {
  let web: WebHarness;

  beforeAll(async () => {
    web = await startWebHarness('account-e2e', { expectedConsoleErrors: [EXPECTED_REFUSALS] });
  }, 120_000);
  afterAll(async () => {
    await web?.close();
  });

  it('resets a forgotten password from the emailed link, changes it on the account page, and signs out for real', async () => {
    const page = await web.openPage();
    await page.goto(`${web.server.url}/`);
    await page.getByRole('button', { name: 'Forgot your password?' }).click();
    await page.getByLabel('Email').fill(AVA);
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await page.getByRole('status').getByText('a link to choose a new password is on its way').waitFor();
    await web.shoot(page, 'password-reset-requested');

    const link = await mailedPasswordLink(web.demo.dataDir, AVA, 'password_reset');
    expect(link.startsWith(`${web.server.url}/reset-password#token=`)).toBe(true);
    await page.goto(link);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByLabel('New password', { exact: true }).fill('ava new password');
    await page.getByLabel('Repeat the new password').fill('ava typo password');
    await page.getByRole('button', { name: 'Save and sign in' }).click();
    await page.getByRole('alert').getByText('The two passwords differ.').waitFor();
    await page.getByLabel('Repeat the new password').fill('ava new password');
    await web.shoot(page, 'password-reset');
    await page.getByRole('button', { name: 'Save and sign in' }).click();
    // Signed in as Ava, on her start page, and the token is gone from the address bar.
    await page.getByRole('link', { name: /Ava/ }).waitFor();
    expect(new URL(page.url()).hash).toBe('');
    expect(
      (await web.call('POST', '/api/v1/auth/login', undefined, { email: AVA, password: DEMO_TEST_PASSWORD }))
        .status,
    ).toBe(401);
    // The link worked once.
    await page.goto(link);
    await page.getByLabel('New password', { exact: true }).fill('ava third password');
    await page.getByLabel('Repeat the new password').fill('ava third password');
    await page.getByRole('button', { name: 'Save and sign in' }).click();
    await page.getByRole('alert').getByText('reset_link_invalid', { exact: false }).waitFor();

    await page.goto(`${web.server.url}/account`);
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password', { exact: true }).fill('ava final password');
    await page.getByLabel('Repeat the new password').fill('ava final password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').getByText('current_password_wrong', { exact: false }).waitFor();
    await page.getByLabel('Current password').fill('ava new password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('status').getByText('Password changed').waitFor();
    await web.shoot(page, 'account');
    expect(
      (
        await web.call('POST', '/api/v1/auth/login', undefined, {
          email: AVA,
          password: 'ava final password',
        })
      ).status,
    ).toBe(200);

    // Signing out revokes this tab's refresh token on the server, not only in the browser.
    const refreshToken = (await page.evaluate(
      `JSON.parse(sessionStorage.getItem('brigade.session')).refreshToken`,
    )) as string;
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    expect((await web.call('POST', '/api/v1/auth/refresh', undefined, { refreshToken })).status).toBe(401);
  });

  it('shows no console errors and breaks no accessibility rule on the screens shot', () => {
    expect(web.consoleErrors).toEqual([]);
    const broken = Object.entries(web.accessibility).filter(([, violations]) => violations.length > 0);
    expect(broken).toEqual([]);
  });
});
