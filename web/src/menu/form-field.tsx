import type { ComponentChildren } from 'preact';

/**
 * A labelled field with its hint and the API's messages about it right below, tied to the control by
 * aria-describedby so a screen reader reads the error with the field.
 */
export interface FieldProps {
  id: string;
  label: string;
  messages?: readonly string[];
  hint?: string;
  class?: string;
  children: (described: {
    id: string;
    'aria-describedby'?: string;
    'aria-invalid'?: boolean;
  }) => ComponentChildren;
}

export function Field({ id, label, messages = [], hint, class: className, children }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = messages.length > 0 ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${messages.length > 0 ? ' invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label for={id}>{label}</label>
      {children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(messages.length > 0 ? { 'aria-invalid': true } : {}),
      })}
      {hint && (
        <p id={hintId} class="muted small field-hint">
          {hint}
        </p>
      )}
      {errorId && (
        <p id={errorId} class="field-error" data-field-error={id}>
          {messages.join('; ')}
        </p>
      )}
    </div>
  );
}
