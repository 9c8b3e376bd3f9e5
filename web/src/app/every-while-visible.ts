/**
 * Calls `run` every `ms` while the page is visible, and at once when it becomes visible again: a screen
 * with no feed to wake it keeps up without polling from a hidden tab. Returns the stop function.
 */
export function everyWhileVisible(run: () => void, ms: number): () => void {
  const timer = window.setInterval(() => {
    if (document.visibilityState === 'visible') run();
  }, ms);
  const onVisible = () => {
    if (document.visibilityState === 'visible') run();
  };
  document.addEventListener('visibilitychange', onVisible);
  return () => {
    window.clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisible);
  };
}
