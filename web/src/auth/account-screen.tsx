import { useState } from 'preact/hooks';
import { api, signOut } from '../api/api-client.js';
import type { Session, User } from '../api/api-types.js';
import { sessions } from '../api/session-store.js';
import { navigate } from '../app/router.js';
import { NewPasswordFields, newPasswordProblem } from './new-password-fields.js';
import { problemText } from './problem-text.js';

/**
 * The signed-in person's account: change the password (`POST /api/v1/auth/password`, which ends every
 * other session and gives this one a new token pair), or sign out on every device.
 */
export function AccountScreen({ user }: { user: User }) {
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    const mismatch = newPasswordProblem(password, repeat);
    if (mismatch) return setError(mismatch);
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      const session = await api<Session>('POST', '/api/v1/auth/password', {
        currentPassword: current,
        newPassword: password,
      });
      sessions.set(session);
      setCurrent('');
      setPassword('');
      setRepeat('');
      setDone(true);
    } catch (caught) {
      setError(problemText(caught, 'The password was not changed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="screen account">
      <h1>Your account</h1>
      <p>
        {user.name} · <span class="muted">{user.email}</span>
      </p>
      <form class="card sign-in-form" onSubmit={submit} aria-labelledby="password-title">
        <h2 id="password-title">Change password</h2>
        <label for="current-password">Current password</label>
        <input
          id="current-password"
          type="password"
          autocomplete="current-password"
          required
          value={current}
          onInput={(event) => setCurrent(event.currentTarget.value)}
        />
        <NewPasswordFields value={password} repeat={repeat} onValue={setPassword} onRepeat={setRepeat} />
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        {done && <p role="status">Password changed. Your other devices are signed out.</p>}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Change password'}
        </button>
      </form>
      <div class="card sign-in-form">
        <h2>Sessions</h2>
        <p class="muted">Signs you out here and on every other device (within the next minutes).</p>
        <button
          type="button"
          onClick={() => {
            void signOut({ everywhere: true }).then(() => navigate('/', { replace: true }));
          }}
        >
          Sign out everywhere
        </button>
      </div>
    </section>
  );
}
