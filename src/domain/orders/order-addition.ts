import type { OrderStatus } from './order-status.js';

/**
 * Items added to an order after placement: which orders take them and how the order's totals grow.
 * Pure; the service (src/services/orders/add-items.ts) prices the added lines with priceOrder and
 * applies the result with `grownTotals`.
 */

/** Paid and not yet on its way: the kitchen can still make more (docs/order-lifecycle.md). */
export const ADDABLE_STATUSES: readonly OrderStatus[] = ['confirmed', 'preparing', 'ready'];

export function mayAddItems(status: OrderStatus): boolean {
  return ADDABLE_STATUSES.includes(status);
}

export interface TaxLine {
  name: string;
  rateBps: number;
  amountMinor: number;
}

export interface GrowableTotals {
  subtotalMinor: number;
  taxMinor: number;
  totalMinor: number;
  capturedMinor: number;
  taxes: TaxLine[];
}

/**
 * The order's totals after an addition: subtotal, tax, total and captured grow by the addition's own
 * (separately rounded) amounts; tax components add up by name and rate, new ones are appended.
 * Discounts, tip, delivery fee and loyalty stay as placed.
 */
export function grownTotals(
  order: GrowableTotals,
  added: { subtotalMinor: number; taxMinor: number; totalMinor: number; taxes: readonly TaxLine[] },
): GrowableTotals {
  const taxes = order.taxes.map((tax) => ({ ...tax }));
  for (const component of added.taxes) {
    const same = taxes.find((tax) => tax.name === component.name && tax.rateBps === component.rateBps);
    if (same) same.amountMinor += component.amountMinor;
    else taxes.push({ ...component });
  }
  return {
    subtotalMinor: order.subtotalMinor + added.subtotalMinor,
    taxMinor: order.taxMinor + added.taxMinor,
    totalMinor: order.totalMinor + added.totalMinor,
    capturedMinor: order.capturedMinor + added.totalMinor,
    taxes,
  };
}
