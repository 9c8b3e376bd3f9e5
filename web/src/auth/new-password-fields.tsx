/** The new password and its repetition, with the server's length rule (8–200) checked by the browser. */
export function NewPasswordFields(props: {
  value: string;
  repeat: string;
  onValue: (value: string) => void;
  onRepeat: (value: string) => void;
}) {
  return (
    <>
      <label for="new-password">New password</label>
      <input
        id="new-password"
        type="password"
        autocomplete="new-password"
        required
        minLength={8}
        maxLength={200}
        aria-describedby="new-password-help"
        value={props.value}
        onInput={(event) => props.onValue(event.currentTarget.value)}
      />
      <p id="new-password-help" class="muted small">
        At least 8 characters.
      </p>
      <label for="repeat-password">Repeat the new password</label>
      <input
        id="repeat-password"
        type="password"
        autocomplete="new-password"
        required
        value={props.repeat}
        onInput={(event) => props.onRepeat(event.currentTarget.value)}
      />
    </>
  );
}

/** Why the two fields cannot be sent yet, or null. */
export function newPasswordProblem(value: string, repeat: string): string | null {
  return value === repeat ? null : 'The two passwords differ.';
}
