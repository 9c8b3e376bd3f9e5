import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiProblem } from '../api/api-problem.js';

export interface ConfirmDialogProps {
  title: string;
  confirmLabel: string;
  danger?: boolean;
  busy: boolean;
  /** What the API answered to the last attempt, shown in the dialog (its code and detail). */
  problem: unknown;
  onConfirm: () => void;
  onClose: () => void;
  children?: ComponentChildren;
}

/**
 * A modal confirmation on the native <dialog>: the browser keeps focus inside it, closes it on Escape
 * and gives focus back to the button that opened it. Mounted only while open.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { title, confirmLabel, danger, busy, problem, onConfirm, onClose, children } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      class="confirm-dialog"
      aria-labelledby="confirm-title"
      onClose={onClose}
      onCancel={(event) => {
        if (busy) event.preventDefault();
      }}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy) onConfirm();
        }}
      >
        <h2 id="confirm-title">{title}</h2>
        {children}
        {problem !== undefined && problem !== null && <InlineProblem problem={problem} />}
        <div class="dialog-actions">
          <button type="button" class="ghost" disabled={busy} onClick={() => dialog.current?.close()}>
            Back
          </button>
          <button type="submit" class={danger ? 'danger' : 'primary'} disabled={busy}>
            {busy ? 'Working…' : confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** A refused request as the API put it: its stable code and detail, next to the form that sent it. */
export function InlineProblem({ problem }: { problem: unknown }) {
  if (!(problem instanceof ApiProblem))
    return (
      <p class="form-error" role="alert">
        Cannot reach Brigade: {problem instanceof Error ? problem.message : String(problem)}
      </p>
    );
  return (
    <p class="form-error" role="alert" data-code={problem.code}>
      Refused ({problem.status} <code>{problem.code}</code>): {problem.body.detail ?? problem.body.title}
    </p>
  );
}
