import { useState } from 'preact/hooks';
import { publicPost } from '../api/api-client.js';
import type { Session } from '../api/api-types.js';
import { sessions } from '../api/session-store.js';
import { navigate } from '../app/router.js';
import { landingPath } from './access.js';
import { NewPasswordFields, newPasswordProblem } from './new-password-fields.js';
import { problemText } from './problem-text.js';

/**
 * The page a reset email links to (`/reset-password#token=…`: the token is in the fragment, which the
 * browser never sends to a server). A new password signs the person in
 * (`POST /api/v1/auth/password-reset/confirm`); every other session of the account ends.
 */
export function ResetPasswordScreen() {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    const mismatch = newPasswordProblem(password, repeat);
    if (mismatch) return setError(mismatch);
    setBusy(true);
    setError(null);
    try {
      const session = await publicPost<Session>('/api/v1/auth/password-reset/confirm', {
        token,
        newPassword: password,
      });
      sessions.set(session);
      navigate(landingPath(session.user), { replace: true });
    } catch (caught) {
      setError(problemText(caught, 'The password was not changed'));
      setBusy(false);
    }
  };

  return (
    <main class="sign-in" id="main">
      <form class="card sign-in-form" onSubmit={submit} aria-labelledby="reset-title">
        <h1 id="reset-title">Choose a new password</h1>
        {token ? (
          <>
            <NewPasswordFields value={password} repeat={repeat} onValue={setPassword} onRepeat={setRepeat} />
            {error && (
              <p class="form-error" role="alert">
                {error}
              </p>
            )}
            <button type="submit" class="primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save and sign in'}
            </button>
          </>
        ) : (
          <p class="form-error" role="alert">
            This link is incomplete. Open the link from the email again, or ask for a new one.
          </p>
        )}
        <a href="/login">Back to sign-in</a>
      </form>
    </main>
  );
}
