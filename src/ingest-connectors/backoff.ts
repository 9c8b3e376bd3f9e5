/**
 * How long to wait before retrying after `failures` failures in a row: doubling from `baseMs` up to
 * `maxMs`, with jitter (50–100 % of it) so connectors that failed together do not retry together.
 */
export function retryDelayMs(
  failures: number,
  random: () => number = Math.random,
  { baseMs, maxMs }: { baseMs: number; maxMs: number } = { baseMs: 500, maxMs: 30_000 },
): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const ceiling = Math.min(maxMs, baseMs * 2 ** exponent);
  return Math.round(ceiling * (0.5 + random() / 2));
}
