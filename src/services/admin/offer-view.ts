import type { Static } from '@sinclair/typebox';
import type { OfferView as OfferViewSchema } from '../../schemas/admin/offer.js';
import { isoTimestamp, isoTimestampOrNull } from './sql-values.js';

export type OfferView = Static<typeof OfferViewSchema>;

export interface OfferRow {
  id: string;
  business_id: string;
  name: string;
  code: string | null;
  kind: OfferView['kind'];
  percent_bps: number | null;
  amount_minor: number | null;
  currency: string;
  buy_quantity: number | null;
  get_quantity: number | null;
  item_ids: string[];
  min_subtotal_minor: number;
  starts_at: Date | string | null;
  ends_at: Date | string | null;
  location_ids: string[];
  active: boolean;
  created_at: Date | string;
  updated_at: Date | string;
  cursor_at: string;
}

export const OFFER_COLUMNS = `id, business_id, name, code, kind, percent_bps, amount_minor, currency, buy_quantity,
  get_quantity, item_ids, min_subtotal_minor, starts_at, ends_at, location_ids, active, created_at, updated_at,
  created_at::text AS cursor_at`;

export function offerView(row: OfferRow): OfferView {
  return {
    id: row.id,
    businessId: row.business_id,
    name: row.name,
    code: row.code,
    kind: row.kind,
    percentBps: row.percent_bps,
    amountMinor: row.amount_minor,
    currency: row.currency,
    buyQuantity: row.buy_quantity,
    getQuantity: row.get_quantity,
    itemIds: row.item_ids,
    minSubtotalMinor: row.min_subtotal_minor,
    startsAt: isoTimestampOrNull(row.starts_at),
    endsAt: isoTimestampOrNull(row.ends_at),
    locationIds: row.location_ids,
    active: row.active,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

export function offerEventData(view: OfferView): Record<string, unknown> {
  return {
    name: view.name,
    code: view.code,
    kind: view.kind,
    percent_bps: view.percentBps,
    amount: view.amountMinor,
    currency: view.currency,
    buy_quantity: view.buyQuantity,
    get_quantity: view.getQuantity,
    item_ids: view.itemIds,
    min_subtotal: view.minSubtotalMinor,
    starts_at: view.startsAt,
    ends_at: view.endsAt,
    location_ids: view.locationIds,
    active: view.active,
  };
}
