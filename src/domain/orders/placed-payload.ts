import type { EventPayload } from '../events/catalog.js';
import type { PricedOrder } from '../pricing/pricing-types.js';
import type { ServiceType } from './order-status.js';

/** A line of a placed order: the item as sold at placement and the modifiers chosen for it. */
export interface PlacedLine {
  lineId: string;
  item: {
    id: string;
    brandId: string;
    categoryId: string;
    name: string;
    station: string;
    priceMinor: number;
    costMinor: number | null;
  };
  quantity: number;
  notes: string | null;
  modifiers: { groupId: string; groupName: string; optionId: string; name: string; priceMinor: number }[];
}

export interface PlacedOrder {
  customerId: string | null;
  placedBy: string | null;
  channel: string;
  serviceType: ServiceType;
  tableNumber: string | null;
  delivery: { address: Record<string, unknown>; lat: number; lon: number } | null;
  /** In the order the pricing lines are (pricing.lines[i] prices lines[i]). */
  lines: readonly PlacedLine[];
  pricing: PricedOrder;
  promoCode: string | null;
  placedAt: Date;
  timeZone: string;
}

/**
 * The `order.placed` payload of a priced order. One builder for the order service and the simulator's
 * backfill, so written history has exactly the shape of a live placement.
 */
export function orderPlacedPayload(order: PlacedOrder): EventPayload<'order.placed'> {
  const { pricing } = order;
  return {
    status: 'placed',
    customer_id: order.customerId,
    placed_by: order.placedBy,
    channel: order.channel,
    service_type: order.serviceType,
    table_number: order.tableNumber,
    delivery: order.delivery,
    lines: order.lines.map((line, index) => ({
      line_id: line.lineId,
      line_number: index + 1,
      item_id: line.item.id,
      brand_id: line.item.brandId,
      category_id: line.item.categoryId,
      name: line.item.name,
      station: line.item.station,
      unit_price: line.item.priceMinor,
      unit_cost: line.item.costMinor,
      quantity: line.quantity,
      modifiers: line.modifiers.map((modifier) => ({
        group_id: modifier.groupId,
        group_name: modifier.groupName,
        option_id: modifier.optionId,
        name: modifier.name,
        price: modifier.priceMinor,
      })),
      line_subtotal: pricing.lines[index]?.lineSubtotalMinor ?? 0,
      discount: pricing.lines[index]?.discountMinor ?? 0,
      notes: line.notes,
    })),
    totals: {
      currency: pricing.currency,
      subtotal: pricing.subtotalMinor,
      discount: pricing.discountMinor,
      loyalty_discount: pricing.loyaltyDiscountMinor,
      tax: pricing.taxMinor,
      tip: pricing.tipMinor,
      delivery_fee: pricing.deliveryFeeMinor,
      total: pricing.totalMinor,
    },
    promo_code: order.promoCode,
    applied_offers: pricing.appliedOffers.map((offer) => ({
      offer_id: offer.offerId,
      name: offer.name,
      discount: offer.discountMinor,
    })),
    loyalty_points_redeemed: pricing.loyaltyPointsRedeemed,
    placed_at: order.placedAt.toISOString(),
    time_zone: order.timeZone,
  };
}
