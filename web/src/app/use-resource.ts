import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Loads again; the previous data stays on screen meanwhile. */
  reload: () => void;
}

/**
 * Loads something for a screen and reloads it when `key` changes. Answers that arrive after a newer
 * load started are dropped, so a slow answer never overwrites a fresher one.
 */
export function useResource<T>(load: () => Promise<T>, key: string): Resource<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  const generation = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  const run = useCallback(() => {
    generation.current += 1;
    const mine = generation.current;
    setState((previous) => ({ ...previous, loading: true }));
    loader.current().then(
      (data) => {
        if (mine === generation.current) setState({ data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (mine === generation.current) setState((previous) => ({ ...previous, error, loading: false }));
      },
    );
  }, []);

  // `key` names what the load depends on: a new key starts afresh.
  useEffect(() => {
    setState({ data: undefined, error: undefined, loading: true });
    run();
  }, [key, run]);

  return { ...state, reload: run };
}
