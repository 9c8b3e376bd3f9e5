import { DEFAULT_STATION } from '../kitchen/ticket-routing.js';
import type { IngestLocation } from './event-draft.js';

/**
 * The order.placed payload of an order from a foreign format (ghost-kitchen or stream-stack): the
 * formats know items, quantities and prices, and for the rest Brigade's neutral values — no customer,
 * modifiers, cost, discounts, offers, loyalty or notes; the default station.
 */
export interface ForeignLine {
  lineId: string;
  itemId: string;
  brandId: string;
  categoryId: string;
  name: string;
  /** Minor units. */
  unitPrice: number;
  quantity: number;
}

export interface ForeignPlacement {
  channel: string;
  serviceType: 'dine_in' | 'takeout' | 'delivery';
  delivery: { address: Record<string, unknown>; lat: number; lon: number } | null;
  lines: readonly ForeignLine[];
  /** Minor units, in the location's currency. */
  tax: number;
  tip: number;
  placedAt: string;
  location: IngestLocation;
}

export function foreignPlacedPayload(order: ForeignPlacement) {
  const lines = order.lines.map((line, index) => ({
    line_id: line.lineId,
    line_number: index + 1,
    item_id: line.itemId,
    brand_id: line.brandId,
    category_id: line.categoryId,
    name: line.name,
    station: DEFAULT_STATION,
    unit_price: line.unitPrice,
    unit_cost: null,
    quantity: line.quantity,
    modifiers: [],
    line_subtotal: line.unitPrice * line.quantity,
    discount: 0,
    notes: null,
  }));
  const subtotal = lines.reduce((sum, line) => sum + line.line_subtotal, 0);
  return {
    status: 'placed',
    customer_id: null,
    placed_by: null,
    channel: order.channel,
    service_type: order.serviceType,
    table_number: null,
    delivery: order.delivery,
    lines,
    totals: {
      currency: order.location.currency,
      subtotal,
      discount: 0,
      loyalty_discount: 0,
      tax: order.tax,
      tip: order.tip,
      delivery_fee: 0,
      // Recomputed from its parts, so the order always adds up (the formats round each part).
      total: subtotal + order.tax + order.tip,
    },
    promo_code: null,
    applied_offers: [],
    loyalty_points_redeemed: 0,
    placed_at: order.placedAt,
    time_zone: order.location.timeZone,
  };
}
