import { brandActiveOn } from '../../domain/menu/brand-active.js';
import { isItemAvailableAt } from '../../domain/menu/item-availability.js';
import type { Queryable } from '../../storage/database.js';
import {
  type GroupJson,
  ITEM_MODIFIER_GROUPS,
  type OrderableModifierGroup,
  toModifierGroup,
} from './location-catalog.js';

export interface LiveMenuItem {
  id: string;
  name: string;
  description: string | null;
  priceMinor: number;
  currency: string;
  sku: string | null;
  station: string;
  prepMinutes: number;
  allergens: string[];
  tags: string[];
  imageUrl: string | null;
  calories: number | null;
  /** Orderable right now: the item flag, its schedule and its brand's dates, in the location's zone. */
  availableNow: boolean;
  modifierGroups: OrderableModifierGroup[];
}

export interface LiveMenuCategory {
  id: string;
  name: string;
  description: string | null;
  items: LiveMenuItem[];
  categories: LiveMenuCategory[];
}

export interface LiveMenu {
  brandId: string;
  brandName: string;
  brandActive: boolean;
  menuId: string;
  menuName: string;
  categories: LiveMenuCategory[];
}

/**
 * The customer-facing menu tree of a location: the active menus of every brand served there, with
 * nested categories and each item's modifier groups, availability computed for `now`.
 * Built from four set-based queries, however large the menu.
 */
export async function loadLiveMenus(
  db: Queryable,
  location: { id: string; timeZone: string },
  now: Date,
): Promise<LiveMenu[]> {
  const menus = await db.query<{
    menu_id: string;
    menu_name: string;
    brand_id: string;
    brand_name: string;
    starts_on: string | null;
    ends_on: string | null;
  }>(
    `SELECT m.id AS menu_id, m.name AS menu_name, b.id AS brand_id, b.name AS brand_name,
            b.starts_on::text AS starts_on, b.ends_on::text AS ends_on
     FROM brand_locations bl JOIN brands b ON b.id = bl.brand_id JOIN menus m ON m.brand_id = b.id AND m.active
     WHERE bl.location_id = $1 ORDER BY b.name, m.name`,
    [location.id],
  );
  const menuIds = menus.rows.map((menu) => menu.menu_id);
  if (menuIds.length === 0) return [];
  const [categories, items] = await Promise.all([
    db.query<{
      id: string;
      menu_id: string;
      parent_id: string | null;
      name: string;
      description: string | null;
    }>(
      `SELECT id, menu_id, parent_id, name, description FROM menu_categories
       WHERE menu_id = ANY($1::uuid[]) ORDER BY display_order, name`,
      [menuIds],
    ),
    db.query<{
      id: string;
      category_id: string;
      name: string;
      description: string | null;
      price_minor: number;
      currency: string;
      sku: string | null;
      station: string;
      prep_minutes: number;
      available: boolean;
      availability_schedule: Record<string, { from: string; to: string }[]> | null;
      allergens: string[];
      tags: string[];
      image_url: string | null;
      calories: number | null;
      modifier_groups: GroupJson[] | null;
    }>(
      `SELECT i.id, i.category_id, i.name, i.description, i.price_minor, i.currency, i.sku, i.station,
              i.prep_minutes, i.available, i.availability_schedule, i.allergens, i.tags, i.image_url, i.calories,
              ${ITEM_MODIFIER_GROUPS} AS modifier_groups
       FROM menu_items i WHERE i.menu_id = ANY($1::uuid[]) ORDER BY i.display_order, i.name`,
      [menuIds],
    ),
  ]);

  return menus.rows.map((menu) => {
    const brandActive = brandActiveOn(
      { startsOn: menu.starts_on, endsOn: menu.ends_on },
      location.timeZone,
      now,
    );
    const nodes = new Map<string, LiveMenuCategory & { parentId: string | null }>();
    for (const category of categories.rows.filter((c) => c.menu_id === menu.menu_id)) {
      nodes.set(category.id, {
        id: category.id,
        name: category.name,
        description: category.description,
        items: [],
        categories: [],
        parentId: category.parent_id,
      });
    }
    for (const item of items.rows) {
      const node = nodes.get(item.category_id);
      if (!node) continue;
      node.items.push({
        id: item.id,
        name: item.name,
        description: item.description,
        priceMinor: item.price_minor,
        currency: item.currency.trim(),
        sku: item.sku,
        station: item.station,
        prepMinutes: item.prep_minutes,
        allergens: item.allergens,
        tags: item.tags,
        imageUrl: item.image_url,
        calories: item.calories,
        availableNow:
          brandActive &&
          isItemAvailableAt(
            { available: item.available, availabilitySchedule: item.availability_schedule },
            location.timeZone,
            now,
          ),
        modifierGroups: (item.modifier_groups ?? []).map(toModifierGroup),
      });
    }
    const roots: LiveMenuCategory[] = [];
    for (const node of nodes.values()) {
      const parent = node.parentId ? nodes.get(node.parentId) : undefined;
      (parent ? parent.categories : roots).push(node);
    }
    const strip = (category: LiveMenuCategory & { parentId?: string | null }): LiveMenuCategory => ({
      id: category.id,
      name: category.name,
      description: category.description,
      items: category.items,
      categories: category.categories.map(strip),
    });
    return {
      brandId: menu.brand_id,
      brandName: menu.brand_name,
      brandActive,
      menuId: menu.menu_id,
      menuName: menu.menu_name,
      categories: roots.map(strip),
    };
  });
}
