import { minorUnitExponent } from '../money.js';

/** "CAD 12.50": exact for any amount (digits are placed, not divided in floating point). */
export function formatMoney(amountMinor: number, currency: string): string {
  const exponent = minorUnitExponent(currency);
  const sign = amountMinor < 0 ? '-' : '';
  const digits = String(Math.abs(amountMinor)).padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = exponent > 0 ? `.${digits.slice(digits.length - exponent)}` : '';
  return `${currency} ${sign}${whole}${fraction}`;
}

/** The short order reference people read out: the first 8 characters of its id. */
export function orderReference(orderId: string): string {
  return `#${orderId.slice(0, 8)}`;
}

const STATUS_WORDS: Readonly<Record<string, string>> = {
  confirmed: 'confirmed',
  preparing: 'being prepared',
  ready: 'ready',
  picked_up: 'picked up',
  out_for_delivery: 'out for delivery',
  delivered: 'delivered',
  completed: 'completed',
  cancelled: 'cancelled',
  refunded: 'refunded',
};

export function statusWords(status: string): string {
  return STATUS_WORDS[status] ?? status.replaceAll('_', ' ');
}

const SERVICE_WORDS: Readonly<Record<string, string>> = {
  dine_in: 'dine-in',
  takeout: 'takeout',
  delivery: 'delivery',
};

export function serviceWords(serviceType: string): string {
  return SERVICE_WORDS[serviceType] ?? serviceType;
}
