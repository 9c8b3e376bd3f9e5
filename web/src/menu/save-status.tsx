import { ApiProblem } from '../api/api-problem.js';
import { type FieldMessages, messagesElsewhere } from './field-errors.js';

/**
 * Where a form's save (or delete) stands; `error` keeps the API's problem, or none when the form's own
 * checks refused it, and says what did not happen ("Not saved", "Not deleted").
 */
export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving'; what: string }
  | { kind: 'saved'; what: string }
  | { kind: 'error'; failed: string; problem: unknown; messages: FieldMessages };

/**
 * The save's outcome in a live region: saving…, saved, or what the API refused — its status, stable
 * code and detail, plus the field errors the form has no field for (the others sit next to their fields).
 */
export function SaveStatus({
  state,
  shownFields,
  labels,
}: {
  state: SaveState;
  shownFields: readonly string[];
  labels: Record<string, string>;
}) {
  return (
    <div class="save-status" role="status" aria-live="polite">
      {state.kind === 'saving' && <p class="muted">{state.what}…</p>}
      {state.kind === 'saved' && <p class="saved">{state.what}</p>}
      {state.kind === 'error' && <SaveError state={state} shownFields={shownFields} labels={labels} />}
    </div>
  );
}

function SaveError({
  state,
  shownFields,
  labels,
}: {
  state: Extract<SaveState, { kind: 'error' }>;
  shownFields: readonly string[];
  labels: Record<string, string>;
}) {
  const { failed, problem, messages } = state;
  const elsewhere = messagesElsewhere(messages, shownFields);
  const inForm = messages.size - elsewhere.length;
  return (
    <div class="save-error" data-testid="save-error">
      <p>
        <strong>{failed}.</strong>{' '}
        {problem instanceof ApiProblem ? (
          <>
            {problem.status} <code>{problem.code}</code>: {problem.body.detail ?? problem.message}
          </>
        ) : problem instanceof Error ? (
          problem.message
        ) : (
          'Some fields need a correction.'
        )}
      </p>
      {inForm > 0 && <p class="small">See the messages next to the fields.</p>}
      {elsewhere.length > 0 && (
        <ul class="small">
          {elsewhere.map(([field, list]) => (
            <li key={field}>
              {labels[field.split('/')[0] ?? ''] ?? (field || 'The request')}: {list.join('; ')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
