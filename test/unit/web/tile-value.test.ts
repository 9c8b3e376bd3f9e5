import { describe, expect, it } from 'vitest';
import { formatMoney, tileValueClass } from '../../../web/src/app/format.js';

describe('tile figures', () => {
  it('keep the headline size when short and are set smaller when long enough to be cut off', () => {
    expect(tileValueClass('610')).toBe('tile-value');
    expect(tileValueClass(formatMoney(3877, 'CAD'))).toBe('tile-value');
    // A week of a 12-restaurant chain's sales (the demo's history) ran past the tile at 1.5rem.
    expect(tileValueClass(formatMoney(14_309_407, 'CAD'))).toBe('tile-value long');
    expect(tileValueClass(formatMoney(1_059_813, 'CAD'))).toBe('tile-value long');
  });
});
