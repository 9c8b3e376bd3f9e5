import type { DemoOffer } from './demo-catalog.js';

/** When an offer runs: ISO instants, null = open on that side. */
interface OfferWindow {
  startsAt: string | null;
  endsAt: string | null;
}

const NONE = { percentBps: null, amountMinor: null, buyQuantity: null, getQuantity: null, itemKeys: [] };

/** A promo code taking a percentage off orders from a minimum subtotal. */
export function percentOffCode(
  key: string,
  name: string,
  code: string,
  percentBps: number,
  minSubtotalMinor: number,
  window: OfferWindow,
): DemoOffer {
  return { ...NONE, key, name, code, kind: 'percent', percentBps, minSubtotalMinor, ...window };
}

/** A promo code taking a fixed amount off orders from a minimum subtotal. */
export function amountOffCode(
  key: string,
  name: string,
  code: string,
  amountMinor: number,
  minSubtotalMinor: number,
  window: OfferWindow,
): DemoOffer {
  return { ...NONE, key, name, code, kind: 'fixed', amountMinor, minSubtotalMinor, ...window };
}

/** An automatic offer: buy one of these items, get one free. */
export function buyOneGetOne(key: string, name: string, itemKeys: string[], window: OfferWindow): DemoOffer {
  return {
    ...NONE,
    key,
    name,
    code: null,
    kind: 'buy_x_get_y',
    buyQuantity: 1,
    getQuantity: 1,
    itemKeys,
    minSubtotalMinor: 0,
    ...window,
  };
}
