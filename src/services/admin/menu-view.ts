import type { Static } from '@sinclair/typebox';
import type {
  MenuTreeView as MenuTreeViewSchema,
  MenuView as MenuViewSchema,
} from '../../schemas/admin/menu.js';
import type { CategoryView } from './category-view.js';
import type { ItemView } from './item-view.js';
import type { ModifierGroupView } from './modifier-group-view.js';
import { isoTimestamp } from './sql-values.js';

export type MenuView = Static<typeof MenuViewSchema>;
export type MenuTreeView = Static<typeof MenuTreeViewSchema>;

type MenuTreeCategory = MenuTreeView['categories'][number];

export interface MenuRow {
  id: string;
  business_id: string;
  brand_id: string;
  name: string;
  description: string | null;
  active: boolean;
  created_at: Date | string;
  updated_at: Date | string;
  cursor_at: string;
}

export const MENU_COLUMNS = `id, business_id, brand_id, name, description, active, created_at, updated_at,
  created_at::text AS cursor_at`;

export function menuView(row: MenuRow): MenuView {
  return {
    id: row.id,
    businessId: row.business_id,
    brandId: row.brand_id,
    name: row.name,
    description: row.description,
    active: row.active,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

export function menuEventData(view: MenuView): Record<string, unknown> {
  return { brand_id: view.brandId, name: view.name, active: view.active };
}

/**
 * Nests a menu's flat categories by parent and hangs each item (with its modifier groups, in the
 * item's order) under its category. Pure, so the tree's shape is decided in one place.
 */
export function buildMenuTree(
  categories: readonly CategoryView[],
  items: readonly ItemView[],
  groups: readonly ModifierGroupView[],
): MenuTreeCategory[] {
  const groupById = new Map(groups.map((group) => [group.id, group]));
  const nodes = new Map<string, MenuTreeCategory>(
    categories.map((category) => [category.id, { ...category, items: [], categories: [] }]),
  );
  for (const item of items) {
    const modifierGroups = item.modifierGroupIds.flatMap((id) => {
      const group = groupById.get(id);
      return group ? [group] : [];
    });
    nodes.get(item.categoryId)?.items.push({ ...item, modifierGroups });
  }
  const roots: MenuTreeCategory[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.categories : roots).push(node);
  }
  return roots;
}
