/**
 * Buy X get Y: the eligible units are lined up by unit price, most expensive first (ties: lower line
 * index first); they are cut into consecutive groups of buy + get, and in each complete group the last
 * `get` units — the cheapest of that group — are free. An incomplete trailing group earns nothing.
 *
 * Units are not expanded one by one (a line of 10,000 coffees would allocate 10,000 entries): each line
 * is one run of equal-priced positions, and the free positions in a run are counted arithmetically.
 *
 * Returns the discount per line (0 for lines that are not eligible), so the free units are credited to
 * the lines they came from.
 */
export function buyXGetYLineDiscounts(
  lines: readonly { unitTotalMinor: number; quantity: number; eligible: boolean }[],
  buyQuantity: number,
  getQuantity: number,
): number[] {
  const groupSize = buyQuantity + getQuantity;
  const runs = lines
    .map((line, index) => ({ index, price: line.unitTotalMinor, count: line.eligible ? line.quantity : 0 }))
    .filter((run) => run.count > 0)
    .sort((a, b) => (a.price === b.price ? a.index - b.index : b.price - a.price));
  const totalUnits = runs.reduce((acc, run) => acc + run.count, 0);
  // Positions at or past this one belong to the incomplete trailing group.
  const completeEnd = Math.floor(totalUnits / groupSize) * groupSize;
  // Free positions among the first n (n <= completeEnd): the last `get` of each group of buy + get.
  const freeBefore = (n: number): number =>
    Math.floor(n / groupSize) * getQuantity + Math.max(0, (n % groupSize) - buyQuantity);

  const discounts = lines.map(() => 0);
  let start = 0;
  for (const run of runs) {
    const end = start + run.count;
    const freeUnits = freeBefore(Math.min(end, completeEnd)) - freeBefore(Math.min(start, completeEnd));
    discounts[run.index] = freeUnits * run.price;
    start = end;
  }
  return discounts;
}
