import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buyXGetYLineDiscounts } from '../../../src/domain/pricing/buy-x-get-y.js';

type Line = { unitTotalMinor: number; quantity: number; eligible: boolean };

/** The rule as written in docs/pricing.md, unit by unit: the model the fast version must match. */
function naive(lines: readonly Line[], buy: number, get: number): number[] {
  const units = lines
    .flatMap((line, index) =>
      line.eligible
        ? Array.from({ length: line.quantity }, () => ({ index, price: line.unitTotalMinor }))
        : [],
    )
    .sort((a, b) => (a.price === b.price ? a.index - b.index : b.price - a.price));
  const discounts = lines.map(() => 0);
  const groupSize = buy + get;
  for (let start = 0; start + groupSize <= units.length; start += groupSize) {
    for (const unit of units.slice(start + buy, start + groupSize)) {
      discounts[unit.index] = (discounts[unit.index] ?? 0) + unit.price;
    }
  }
  return discounts;
}

describe('buyXGetYLineDiscounts', () => {
  const l = (unitTotalMinor: number, quantity: number, eligible = true): Line => ({
    unitTotalMinor,
    quantity,
    eligible,
  });
  it.each([
    { name: 'BOGO pair', lines: [l(1400, 2)], buy: 1, get: 1, expected: [1400] },
    { name: 'BOGO odd unit out', lines: [l(1400, 3)], buy: 1, get: 1, expected: [1400] },
    {
      name: 'cheapest of each pair',
      lines: [l(1000, 1), l(800, 1), l(600, 1), l(400, 1)],
      buy: 1,
      get: 1,
      expected: [0, 800, 0, 400],
    },
    { name: 'buy 2 get 1', lines: [l(500, 2), l(1000, 3)], buy: 2, get: 1, expected: [0, 1000] },
    { name: 'buy 3 get 2', lines: [l(100, 10)], buy: 3, get: 2, expected: [400] },
    {
      name: 'ineligible lines do not count',
      lines: [l(900, 1, false), l(500, 1)],
      buy: 1,
      get: 1,
      expected: [0, 0],
    },
    {
      name: 'equal prices: the later line gets the free unit',
      lines: [l(500, 1), l(500, 1)],
      buy: 1,
      get: 1,
      expected: [0, 500],
    },
    { name: 'too few units', lines: [l(500, 2)], buy: 2, get: 1, expected: [0] },
  ])('$name', ({ lines, buy, get, expected }) => {
    expect(buyXGetYLineDiscounts(lines, buy, get)).toEqual(expected);
  });

  it('handles large quantities without expanding them', () => {
    expect(buyXGetYLineDiscounts([l(250, 10_000_000)], 1, 1)).toEqual([5_000_000 * 250]);
  });

  it('matches the unit-by-unit rule', () => {
    const line = fc.record({
      unitTotalMinor: fc.nat({ max: 2000 }),
      quantity: fc.integer({ min: 1, max: 8 }),
      eligible: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        (lines, buy, get) => {
          expect(buyXGetYLineDiscounts(lines, buy, get)).toEqual(naive(lines, buy, get));
        },
      ),
      { numRuns: 500 },
    );
  });
});
