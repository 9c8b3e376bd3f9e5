import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ProblemView } from './problem-view.js';

/**
 * A screen whose code is fetched the first time it is shown (Vite splits each `import()` into its own
 * file), so a first visit downloads the shell and the landing screens only. A failed fetch (offline, or
 * a build replaced under an open tab) shows the error; showing the screen again retries.
 */
export function lazyScreen<Props extends object>(
  load: () => Promise<ComponentType<Props>>,
): ComponentType<Props> {
  let loaded: ComponentType<Props> | undefined;
  let pending: Promise<ComponentType<Props>> | undefined;
  return function LazyScreen(props: Props) {
    const [screen, setScreen] = useState<{ Screen: ComponentType<Props> } | undefined>(
      loaded ? { Screen: loaded } : undefined,
    );
    const [error, setError] = useState<unknown>();
    useEffect(() => {
      if (screen) return;
      let shown = true;
      pending ??= load().then((component) => {
        loaded = component;
        return component;
      });
      pending.then(
        (Screen) => shown && setScreen({ Screen }),
        (failure: unknown) => {
          pending = undefined;
          if (shown) setError(failure);
        },
      );
      return () => {
        shown = false;
      };
    }, [screen]);
    if (error) return <ProblemView error={error} />;
    if (!screen) {
      return (
        <p class="muted" aria-busy="true">
          Loading…
        </p>
      );
    }
    return <screen.Screen {...props} />;
  };
}
