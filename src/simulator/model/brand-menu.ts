import type { MenuKind, SimItem } from '../sim-world.js';
import { CATEGORY_BOOST, CATEGORY_WEIGHT, DAY_PARTS } from './reference-mix.js';
import type { Rng } from './rng.js';
import { WeightedTable } from './weighted-table.js';

/** One orderable item, its modifier groups reduced to what a draw needs. */
export interface MenuItem {
  key: string;
  groups: { min: number; max: number; optionIds: string[] }[];
}

/**
 * What a brand sells, ready to draw from at any time of day: a category by the reference weight ×
 * the day part's boost (only among categories the brand has), then an item of it uniformly. So the
 * category mix of a full menu follows the reference, and a brand without coffee never sells one.
 */
export interface BrandMenu {
  /** Category tables by day part (DAY_PART_INDEX), each value an index into `items`. */
  byDayPart: WeightedTable<number>[];
  items: MenuItem[][];
}

export function buildBrandMenu(items: readonly SimItem[]): BrandMenu {
  const byCategory = new Map<MenuKind, MenuItem[]>();
  for (const item of items) {
    const list = byCategory.get(item.category) ?? [];
    list.push({
      key: item.key,
      groups: item.modifierGroups.map((group) => ({
        min: Math.max(0, Math.min(group.minSelections, group.options.length)),
        max: Math.max(0, Math.min(group.maxSelections, group.options.length)),
        optionIds: group.options.map((option) => option.id),
      })),
    });
    byCategory.set(item.category, list);
  }
  const categories = [...byCategory.keys()];
  return {
    items: categories.map((category) => byCategory.get(category) ?? []),
    byDayPart: DAY_PARTS.map(
      (part) =>
        new WeightedTable(
          categories.map(
            (category, index) =>
              [index, CATEGORY_WEIGHT[category] * (CATEGORY_BOOST[part][category] ?? 1)] as const,
          ),
        ),
    ),
  };
}

export function drawItem(rng: Rng, menu: BrandMenu, dayPart: number): MenuItem {
  const table = menu.byDayPart[dayPart] ?? menu.byDayPart[0];
  const items = menu.items[table ? table.pick(rng) : 0] ?? [];
  return items[Math.floor(rng.float() * items.length)] as MenuItem;
}
