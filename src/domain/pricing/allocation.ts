/**
 * Splits `totalMinor` over `weights` in proportion, with the largest-remainder (Hamilton) method:
 * everyone gets floor(total × weight / sum), then the units still missing go one each to the largest
 * remainders (ties → lower index, so the split is deterministic). The parts are integers that sum to
 * exactly `totalMinor` — no cent appears or vanishes between the order and its lines.
 *
 * With 0 <= total <= sum(weights), every part is <= its weight, so a line is never discounted below 0.
 */
export function allocateLargestRemainder(totalMinor: number, weights: readonly number[]): number[] {
  const total = BigInt(totalMinor);
  const bigWeights = weights.map((weight) => BigInt(weight));
  const sum = bigWeights.reduce((acc, weight) => acc + weight, 0n);
  if (sum === 0n) {
    if (total !== 0n) throw new RangeError('allocateLargestRemainder: nothing to allocate over');
    return weights.map(() => 0);
  }
  const parts = bigWeights.map((weight) => (total * weight) / sum);
  const remainders = bigWeights.map((weight, index) => ({ index, remainder: (total * weight) % sum }));
  let missing = total - parts.reduce((acc, part) => acc + part, 0n);
  remainders.sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  for (const { index } of remainders) {
    if (missing <= 0n) break;
    parts[index] = (parts[index] ?? 0n) + 1n;
    missing -= 1n;
  }
  return parts.map((part) => Number(part));
}
