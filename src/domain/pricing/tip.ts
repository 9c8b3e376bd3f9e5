import type { TipInput } from './pricing-types.js';
import { applyBasisPoints } from './rounding.js';

/** A percent tip is on the discounted, pre-tax subtotal (nobody tips on the tax), rounded half-up. */
export function computeTip(tip: TipInput, taxableMinor: number): number {
  if (tip === null) return 0;
  return tip.kind === 'percent' ? applyBasisPoints(taxableMinor, tip.percentBps) : tip.amountMinor;
}
