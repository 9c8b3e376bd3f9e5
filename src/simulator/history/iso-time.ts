let lastMs = Number.NaN;
let lastIso = '';

/**
 * ISO 8601 text of an epoch-millisecond instant. The events of one order step share their instant, so
 * the last answer is kept: a year of history formats tens of millions of timestamps, most of them
 * repeats of the one before.
 */
export function isoTime(ms: number): string {
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}
