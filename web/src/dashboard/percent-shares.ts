/**
 * Each value's share of their sum in percent with `decimals` decimals, rounded by largest remainder so
 * the shares shown always add up to exactly 100 (rounding each alone can show 99.9 or 100.1). All zeros
 * (or nothing) gives zeros.
 */
export function percentShares(values: readonly number[], decimals = 1): number[] {
  const total = values.reduce((sum, value) => sum + Math.max(0, value), 0);
  if (total === 0) return values.map(() => 0);
  const units = 100 * 10 ** decimals;
  const exact = values.map((value) => (Math.max(0, value) / total) * units);
  const floors = exact.map(Math.floor);
  let left = units - floors.reduce((sum, value) => sum + value, 0);
  // The largest remainders get the units left over; ties go to the earlier (larger-ranked) value.
  const order = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    floors[index] = (floors[index] ?? 0) + 1;
    left -= 1;
  }
  return floors.map((value) => value / 10 ** decimals);
}
