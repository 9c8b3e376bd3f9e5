import { useState } from 'preact/hooks';
import { signIn } from '../api/api-client.js';
import { navigate } from '../app/router.js';
import { landingPath } from './access.js';
import { ForgotPasswordForm } from './forgot-password-form.js';
import { problemText } from './problem-text.js';

/** Sign-in with a Brigade account (`POST /api/v1/auth/login`). */
export function SignInScreen({ returnTo }: { returnTo: string | null }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [forgot, setForgot] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await signIn(email.trim(), password);
      navigate(returnTo ?? landingPath(session.user), { replace: true });
    } catch (caught) {
      setError(problemText(caught, 'Sign-in failed'));
      setBusy(false);
    }
  };

  if (forgot) {
    return (
      <main class="sign-in" id="main">
        <ForgotPasswordForm initialEmail={email.trim()} onBack={() => setForgot(false)} />
      </main>
    );
  }
  return (
    <main class="sign-in" id="main">
      <form class="card sign-in-form" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">
          <span class="logo" aria-hidden="true" /> Brigade
        </h1>
        <p class="muted">Sign in with your Brigade account.</p>
        <label for="email">Email</label>
        <input
          id="email"
          type="email"
          autocomplete="username"
          required
          value={email}
          onInput={(event) => setEmail(event.currentTarget.value)}
        />
        <label for="password">Password</label>
        <input
          id="password"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(event) => setPassword(event.currentTarget.value)}
        />
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <button type="button" class="ghost" onClick={() => setForgot(true)}>
          Forgot your password?
        </button>
        <p class="muted small">
          Running the demo? The logins are printed when <code>npm start</code> starts, and kept in{' '}
          <code>.brigade/demo-credentials.json</code>.
        </p>
      </form>
    </main>
  );
}
