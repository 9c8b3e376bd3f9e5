import type { Logger } from 'pino';
import { retryDelayMs } from './backoff.js';
import { ConnectorError } from './connector-error.js';
import { pause } from './pause.js';
import { SourceUnavailable } from './source-client.js';

/**
 * Runs `step` again and again until `signal` aborts. A step that throws is retried with backoff — the
 * source or this Brigade's database may come back — except for a ConnectorError, which no retry can
 * fix and which ends the loop. A step that succeeds resets the backoff.
 */
export async function retryLoop(
  signal: AbortSignal,
  logger: Logger,
  step: () => Promise<void>,
): Promise<void> {
  let failures = 0;
  while (!signal.aborted) {
    try {
      await step();
      failures = 0;
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof ConnectorError) throw error;
      failures++;
      const retryInMs = retryDelayMs(failures);
      if (error instanceof SourceUnavailable) {
        logger.warn({ reason: error.message, failures, retryInMs }, 'source unavailable; retrying');
      } else {
        logger.error({ err: error, failures, retryInMs }, 'batch failed; retrying');
      }
      await pause(retryInMs, signal);
    }
  }
}
