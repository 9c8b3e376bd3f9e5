import type { ServiceType } from '../../domain/orders/order-status.js';
import type { PlannedOrder } from '../planned-order.js';
import {
  CARD_DECLINE_RATE,
  PAYMENT_METHOD_MIX,
  PROVIDER_MIX,
  TAKEOUT_TIP_BPS,
  TIP_RANGE_BPS,
} from './reference-mix.js';
import type { Rng } from './rng.js';

/** Method by the reference mix, its provider, and whether a card is declined (~2 % of card payments). */
export function drawPayment(rng: Rng): PlannedOrder['payment'] {
  const method = PAYMENT_METHOD_MIX.pick(rng);
  const providers = PROVIDER_MIX[method];
  const provider = providers ? providers.pick(rng) : null;
  const card = method === 'credit_card' || method === 'debit_card';
  return { method, provider, declined: card && rng.chance(CARD_DECLINE_RATE) };
}

/** Tip as a share of the subtotal: dine-in U(12 %, 24 %), takeout 0/6/10 %, delivery U(8 %, 20 %). */
export function drawTip(rng: Rng, serviceType: ServiceType): PlannedOrder['tip'] {
  if (serviceType === 'takeout') return { percentBps: TAKEOUT_TIP_BPS.pick(rng) };
  const [low, high] = TIP_RANGE_BPS[serviceType];
  return { percentBps: rng.int(low, high) };
}
