import type { RefObject } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { fieldMessages } from './field-errors.js';
import type { SaveState } from './save-status.js';

/**
 * One editor's save (or delete): "Saving…" while the request runs, then "Saved" or the API's refusal
 * with its field errors. Resolves to the answer, or undefined when it was refused.
 */
export function useSave() {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const run = useCallback(
    async <T>(
      words: { doing: string; done: string; failed: string },
      action: () => Promise<T>,
    ): Promise<T | undefined> => {
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
  return { state, setState, run };
}

/**
 * After a refused save, moves focus to the first field the API (or the form's own check) named, so
 * the keyboard and screen reader land on what to fix and the field scrolls into view.
 */
export function useFocusFirstError(form: RefObject<HTMLFormElement | null>, state: SaveState): void {
  useEffect(() => {
    if (state.kind !== 'error') return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [form, state]);
}
