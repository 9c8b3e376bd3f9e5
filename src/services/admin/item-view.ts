import type { Static } from '@sinclair/typebox';
import type { ItemView as ItemViewSchema } from '../../schemas/admin/item.js';
import { isoTimestamp } from './sql-values.js';

export type ItemView = Static<typeof ItemViewSchema>;

export interface ItemRow {
  id: string;
  business_id: string;
  menu_id: string;
  category_id: string;
  name: string;
  description: string | null;
  price_minor: number;
  cost_minor: number | null;
  currency: string;
  sku: string | null;
  station: string;
  prep_minutes: number;
  available: boolean;
  availability_schedule: ItemView['availabilitySchedule'];
  allergens: string[];
  tags: string[];
  image_url: string | null;
  calories: number | null;
  display_order: number;
  modifier_group_ids: string[];
  created_at: Date | string;
  updated_at: Date | string;
  cursor_at: string;
}

export const ITEM_COLUMNS = `i.id, i.business_id, i.menu_id, i.category_id, i.name, i.description, i.price_minor,
  i.cost_minor, i.currency, i.sku, i.station, i.prep_minutes, i.available, i.availability_schedule, i.allergens,
  i.tags, i.image_url, i.calories, i.display_order, i.created_at, i.updated_at, i.created_at::text AS cursor_at,
  ARRAY(SELECT img.group_id FROM item_modifier_groups img WHERE img.item_id = i.id
        ORDER BY img.display_order, img.group_id) AS modifier_group_ids`;

export function itemView(row: ItemRow): ItemView {
  return {
    id: row.id,
    businessId: row.business_id,
    menuId: row.menu_id,
    categoryId: row.category_id,
    name: row.name,
    description: row.description,
    priceMinor: row.price_minor,
    costMinor: row.cost_minor,
    currency: row.currency,
    sku: row.sku,
    station: row.station,
    prepMinutes: row.prep_minutes,
    available: row.available,
    availabilitySchedule: row.availability_schedule,
    allergens: row.allergens,
    tags: row.tags,
    imageUrl: row.image_url,
    calories: row.calories,
    displayOrder: row.display_order,
    modifierGroupIds: row.modifier_group_ids,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

/** Price and availability are what menu consumers (POS, aggregators, analytics) act on. */
export function itemEventData(view: ItemView): Record<string, unknown> {
  return {
    menu_id: view.menuId,
    category_id: view.categoryId,
    name: view.name,
    price: view.priceMinor,
    cost: view.costMinor,
    currency: view.currency,
    sku: view.sku,
    station: view.station,
    available: view.available,
    modifier_group_ids: view.modifierGroupIds,
  };
}
