import type { Holiday, WeeklyHours } from '../../domain/locations/opening-hours.js';
import type { AvailabilitySchedule } from '../../domain/menu/item-availability.js';
import type { ModifierGroupRule } from '../../domain/menu/modifier-rules.js';
import type { ServiceType } from '../../domain/orders/order-status.js';
import type { OfferRule } from '../../domain/pricing/pricing-types.js';
import type { Queryable } from '../../storage/database.js';

/** What ordering needs to know about a location and its business. */
export interface LocationForOrdering {
  id: string;
  businessId: string;
  name: string;
  status: 'open' | 'paused' | 'closed';
  serviceTypes: ServiceType[];
  timeZone: string;
  currency: string;
  taxRules: { name: string; rateBps: number }[];
  deliveryFeeMinor: number;
  businessHours: WeeklyHours;
  holidays: Holiday[];
  loyalty: { earnPointsPerUnit: number; pointsPerMinorUnit: number };
}

/** The item's modifier groups exactly as the modifier rules check them. */
export type OrderableModifierGroup = ModifierGroupRule;

/** A menu item as it can be ordered at one location: only items of brands served there. */
export interface OrderableItem {
  id: string;
  brandId: string;
  brandStartsOn: string | null;
  brandEndsOn: string | null;
  categoryId: string;
  name: string;
  priceMinor: number;
  costMinor: number | null;
  currency: string;
  station: string;
  available: boolean;
  availabilitySchedule: AvailabilitySchedule | null;
  modifierGroups: OrderableModifierGroup[];
}

interface LocationRow {
  id: string;
  business_id: string;
  name: string;
  status: LocationForOrdering['status'];
  service_types: ServiceType[];
  time_zone: string;
  currency: string;
  tax_rules: LocationForOrdering['taxRules'];
  delivery_fee_minor: number;
  business_hours: LocationForOrdering['businessHours'];
  holidays: LocationForOrdering['holidays'];
  loyalty_earn_points_per_unit: number;
  loyalty_points_per_minor_unit: number;
}

const LOCATION_SELECT = `
  SELECT l.id, l.business_id, l.name, l.status, l.service_types, l.time_zone, l.currency, l.tax_rules,
         l.delivery_fee_minor, l.business_hours, l.holidays,
         b.loyalty_earn_points_per_unit, b.loyalty_points_per_minor_unit`;

export async function loadLocationForOrdering(
  db: Queryable,
  locationId: string,
): Promise<LocationForOrdering | undefined> {
  const { rows } = await db.query<LocationRow>(
    `${LOCATION_SELECT} FROM locations l JOIN businesses b ON b.id = l.business_id
     WHERE l.id = $1 AND b.status = 'active'`,
    [locationId],
  );
  const row = rows[0];
  return row ? toLocationForOrdering(row) : undefined;
}

interface OfferRow {
  id: string;
  name: string;
  code: string | null;
  kind: 'percent' | 'fixed' | 'buy_x_get_y';
  percent_bps: number | null;
  amount_minor: number | null;
  currency: string;
  buy_quantity: number | null;
  get_quantity: number | null;
  item_ids: string[];
  min_subtotal_minor: number;
  starts_at: string | Date | null;
  ends_at: string | Date | null;
  location_ids: string[];
  active: boolean;
}

export interface PlacementContext {
  location: LocationForOrdering;
  /** The business's automatic offers plus the one the promo code names (active or not: pricing says why not). */
  offers: OfferRule[];
  /** The caller's loyalty balance at this business (0 without an account). */
  pointsBalance: number;
}

/** Everything placement reads about the location, its offers and the caller's points, in one round trip. */
export async function loadPlacementContext(
  db: Queryable,
  locationId: string,
  caller: { userId: string; promoCode: string | null },
): Promise<PlacementContext | undefined> {
  const { rows } = await db.query<LocationRow & { offers: OfferRow[] | null; points_balance: number | null }>(
    `${LOCATION_SELECT},
       (SELECT json_agg(o) FROM offers o
        WHERE o.business_id = l.business_id AND ((o.code IS NULL AND o.active) OR upper(o.code) = upper($2))) AS offers,
       (SELECT points_balance FROM loyalty_accounts a WHERE a.business_id = l.business_id AND a.user_id = $3)
         AS points_balance
     FROM locations l JOIN businesses b ON b.id = l.business_id
     WHERE l.id = $1 AND b.status = 'active'`,
    [locationId, caller.promoCode, caller.userId],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    location: toLocationForOrdering(row),
    offers: (row.offers ?? []).map(toOfferRule),
    pointsBalance: row.points_balance ?? 0,
  };
}

function toOfferRule(row: OfferRow): OfferRule {
  const instant = (value: string | Date | null) => (value === null ? null : new Date(value));
  return {
    id: row.id,
    name: row.name,
    code: row.code,
    kind: row.kind,
    percentBps: row.percent_bps,
    amountMinor: row.amount_minor,
    currency: row.currency.trim(),
    buyQuantity: row.buy_quantity,
    getQuantity: row.get_quantity,
    itemIds: row.item_ids,
    minSubtotalMinor: row.min_subtotal_minor,
    startsAt: instant(row.starts_at),
    endsAt: instant(row.ends_at),
    locationIds: row.location_ids,
    active: row.active,
  };
}

function toLocationForOrdering(row: LocationRow): LocationForOrdering {
  return {
    id: row.id,
    businessId: row.business_id,
    name: row.name,
    status: row.status,
    serviceTypes: row.service_types,
    timeZone: row.time_zone,
    currency: row.currency.trim(),
    taxRules: row.tax_rules,
    deliveryFeeMinor: row.delivery_fee_minor,
    businessHours: row.business_hours,
    holidays: row.holidays,
    loyalty: {
      earnPointsPerUnit: row.loyalty_earn_points_per_unit,
      pointsPerMinorUnit: row.loyalty_points_per_minor_unit,
    },
  };
}

interface ItemRow {
  id: string;
  brand_id: string;
  starts_on: string | null;
  ends_on: string | null;
  category_id: string;
  name: string;
  price_minor: number;
  cost_minor: number | null;
  currency: string;
  station: string;
  available: boolean;
  availability_schedule: OrderableItem['availabilitySchedule'];
}

/**
 * The modifier groups of menu item `i`, in display order, each with its options: a JSON array
 * (or NULL) for a SELECT over `menu_items i`, read back with `toModifierGroup`.
 */
export const ITEM_MODIFIER_GROUPS = `(
  SELECT json_agg(json_build_object(
           'id', g.id, 'name', g.name, 'selection', g.selection, 'required', g.required,
           'min_selections', g.min_selections, 'max_selections', g.max_selections,
           'options', (SELECT json_agg(json_build_object('id', o.id, 'name', o.name,
                                         'price_minor', o.price_minor, 'available', o.available)
                                       ORDER BY o.display_order, o.name)
                       FROM modifier_options o WHERE o.group_id = g.id))
         ORDER BY img.display_order, g.name)
  FROM item_modifier_groups img JOIN modifier_groups g ON g.id = img.group_id
  WHERE img.item_id = i.id)`;

export interface GroupJson {
  id: string;
  name: string;
  selection: 'single' | 'multiple';
  required: boolean;
  min_selections: number;
  max_selections: number;
  options: { id: string; name: string; price_minor: number; available: boolean }[] | null;
}

export function toModifierGroup(group: GroupJson): OrderableModifierGroup {
  return {
    id: group.id,
    name: group.name,
    selection: group.selection,
    required: group.required,
    minSelections: group.min_selections,
    maxSelections: group.max_selections,
    options: (group.options ?? []).map((o) => ({
      id: o.id,
      name: o.name,
      priceMinor: o.price_minor,
      available: o.available,
    })),
  };
}

/**
 * Loads the given items as orderable at a location: an item of another location's brand, another
 * business, or an inactive menu is simply absent from the result (the caller reports it as unknown).
 */
export async function loadOrderableItems(
  db: Queryable,
  locationId: string,
  itemIds: readonly string[],
): Promise<Map<string, OrderableItem>> {
  const unique = [...new Set(itemIds)];
  if (unique.length === 0) return new Map();
  // Items with their modifier groups and options, in one round trip.
  const items = await db.query<ItemRow & { modifier_groups: GroupJson[] | null }>(
    `SELECT i.id, m.brand_id, b.starts_on::text AS starts_on, b.ends_on::text AS ends_on, i.category_id, i.name,
            i.price_minor, i.cost_minor, i.currency, i.station, i.available, i.availability_schedule,
            ${ITEM_MODIFIER_GROUPS} AS modifier_groups
     FROM menu_items i
     JOIN menus m ON m.id = i.menu_id AND m.active
     JOIN brands b ON b.id = m.brand_id
     JOIN brand_locations bl ON bl.brand_id = b.id AND bl.location_id = $1
     WHERE i.id = ANY($2::uuid[])`,
    [locationId, unique],
  );
  return new Map(
    items.rows.map((row) => [
      row.id,
      {
        id: row.id,
        brandId: row.brand_id,
        brandStartsOn: row.starts_on,
        brandEndsOn: row.ends_on,
        categoryId: row.category_id,
        name: row.name,
        priceMinor: row.price_minor,
        costMinor: row.cost_minor,
        currency: row.currency.trim(),
        station: row.station,
        available: row.available,
        availabilitySchedule: row.availability_schedule,
        modifierGroups: (row.modifier_groups ?? []).map(toModifierGroup),
      },
    ]),
  );
}
