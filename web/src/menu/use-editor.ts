import type { RefObject } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { type FieldMessages, fieldMessages } from './field-errors.js';
import type { SaveState } from './save-status.js';

const NO_MESSAGES: FieldMessages = new Map();

const differs = (one: unknown, other: unknown) => JSON.stringify(one) !== JSON.stringify(other);

export interface EditorOptions<D> {
  initial: () => D;
  /** Nothing saved yet: always savable, and nothing to lose by leaving. */
  isNew: boolean;
  /** Opened on a record its own create just made: starts by saying "Created". */
  created: boolean | undefined;
  /** Told whether there are unsaved edits, so the screen can ask before replacing the editor. */
  onEdited: (edited: boolean) => void;
}

export interface Editor<D> {
  isNew: boolean;
  saved: D;
  draft: D;
  edited: boolean;
  busy: boolean;
  state: SaveState;
  messages: FieldMessages;
  heading: RefObject<HTMLHeadingElement | null>;
  form: RefObject<HTMLFormElement | null>;
  set: <K extends keyof D>(key: K, value: D[K]) => void;
  setDraft: (next: D | ((current: D) => D)) => void;
  /** The record as the API now has it: both the saved copy and the form. */
  accept: (fresh: D) => void;
  /** The server's copy changed under the form; `draft` decides what the form keeps. */
  follow: (fresh: D, draft: (current: D) => D) => void;
  undo: () => void;
  /** The form's own checks refused the save (not a number where one is needed). */
  refuse: (messages: FieldMessages) => void;
  /** Runs a save or delete: "Saving…", then "Saved" or the API's refusal; the answer, or undefined. */
  run: <T>(
    words: { doing: string; done: string; failed: string },
    action: () => Promise<T>,
  ) => Promise<T | undefined>;
}

/**
 * The state every editor of the menu manager shares: the saved copy and the form's draft, whether it is
 * edited, the save's progress and the API's field errors. It focuses the editor's heading when it opens
 * and the first field named by a refusal, so keyboard and screen reader users land where to act.
 */
export function useEditor<D extends object>({
  initial,
  isNew,
  created,
  onEdited,
}: EditorOptions<D>): Editor<D> {
  const [saved, setSaved] = useState<D>(initial);
  const [draft, setDraft] = useState<D>(saved);
  const [state, setState] = useState<SaveState>(
    created ? { kind: 'saved', what: 'Created' } : { kind: 'idle' },
  );
  const heading = useRef<HTMLHeadingElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const changed = differs(saved, draft);

  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    if (state.kind === 'error') form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state]);
  useEffect(() => onEdited(!isNew && changed), [isNew, changed, onEdited]);
  useEffect(() => () => onEdited(false), [onEdited]);

  const run = useCallback(
    async <T>(words: { doing: string; done: string; failed: string }, action: () => Promise<T>) => {
      setState({ kind: 'saving', what: words.doing });
      try {
        const answer = await action();
        setState({ kind: 'saved', what: words.done });
        return answer;
      } catch (problem) {
        setState({ kind: 'error', failed: words.failed, problem, messages: fieldMessages(problem) });
        return undefined;
      }
    },
    [],
  );

  return {
    isNew,
    saved,
    draft,
    edited: isNew || changed,
    busy: state.kind === 'saving',
    state,
    messages: state.kind === 'error' ? state.messages : NO_MESSAGES,
    heading,
    form,
    set: (key, value) => setDraft((current) => ({ ...current, [key]: value })),
    setDraft,
    accept: (fresh) => {
      setSaved(fresh);
      setDraft(fresh);
    },
    follow: (fresh, keep) => {
      if (!differs(fresh, saved)) return;
      setSaved(fresh);
      setDraft(keep);
    },
    undo: () => {
      setDraft(saved);
      setState({ kind: 'idle' });
    },
    refuse: (messages) => setState({ kind: 'error', failed: 'Not saved', problem: undefined, messages }),
    run,
  };
}
