import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoTime } from '../../../../src/simulator/history/iso-time.js';

describe('isoTime', () => {
  it('writes what Date#toISOString writes, for any instant of years 0000-9999 and beyond', () => {
    const instants = fc.oneof(
      fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }),
      fc.integer({ min: -8.64e15, max: 8.64e15 }),
      fc.double({ min: -1e13, max: 1e13, noNaN: true }),
    );
    fc.assert(
      fc.property(instants, (ms) => {
        expect(isoTime(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 20_000 },
    );
  });

  it('writes the edges of a day and of the era exactly', () => {
    for (const ms of [
      0, -1, 86_399_999, 86_400_000, 1_700_000_000_123.9, -0.5, 253_402_300_799_999, 253_402_300_800_000,
    ])
      expect(isoTime(ms)).toBe(new Date(ms).toISOString());
  });
});
