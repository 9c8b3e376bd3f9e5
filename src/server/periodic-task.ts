/**
 * Runs `task` now, then every `intervalMs`, one run at a time: a slow run delays the next instead of
 * overlapping it. A failed run goes to `onError` and the schedule goes on. `stop` cancels the schedule
 * and waits for the run in progress. The timer does not keep the process alive.
 */
export function startPeriodicTask(
  task: () => Promise<unknown>,
  intervalMs: number,
  onError: (error: unknown) => void,
): { stop: () => Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = running.then(task).catch(onError);
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
