import { useState } from 'preact/hooks';
import { publicPost } from '../api/api-client.js';
import { problemText } from './problem-text.js';

/**
 * "Forgot your password?": asks the server to email a reset link (`POST /api/v1/auth/password-reset`).
 * The server answers the same for every address, so the confirmation does too.
 */
export function ForgotPasswordForm({ initialEmail, onBack }: { initialEmail: string; onBack: () => void }) {
  const [email, setEmail] = useState(initialEmail);
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await publicPost('/api/v1/auth/password-reset', { email: email.trim() });
      setSentTo(email.trim());
    } catch (caught) {
      setError(problemText(caught, 'The request failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card sign-in-form" onSubmit={submit} aria-labelledby="forgot-title">
      <h1 id="forgot-title">Reset your password</h1>
      {sentTo ? (
        <p role="status">
          If an account uses <strong>{sentTo}</strong>, a link to choose a new password is on its way. It
          works once, for 30 minutes.
        </p>
      ) : (
        <>
          <p class="muted">We will email you a link to choose a new password.</p>
          <label for="reset-email">Email</label>
          <input
            id="reset-email"
            type="email"
            autocomplete="username"
            required
            value={email}
            onInput={(event) => setEmail(event.currentTarget.value)}
          />
          {error && (
            <p class="form-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Sending…' : 'Email me a link'}
          </button>
        </>
      )}
      <button type="button" class="ghost" onClick={onBack}>
        Back to sign-in
      </button>
    </form>
  );
}
