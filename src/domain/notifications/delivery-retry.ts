/**
 * When the dispatcher tries a failed external send again: exponential backoff from `baseMs`, capped at
 * `maxMs`. After `maxAttempts` sends the delivery is given up as failed.
 */
export interface RetryPolicy {
  maxAttempts: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseMs: 30_000, maxMs: 30 * 60_000 };

export type RetryDecision = { kind: 'retry'; at: Date } | { kind: 'give_up' };

/** `attempts` counts the send that just failed. */
export function afterFailure(policy: RetryPolicy, attempts: number, now: Date): RetryDecision {
  if (attempts >= policy.maxAttempts) return { kind: 'give_up' };
  const delay = Math.min(policy.baseMs * 2 ** Math.max(0, attempts - 1), policy.maxMs);
  return { kind: 'retry', at: new Date(now.getTime() + delay) };
}
