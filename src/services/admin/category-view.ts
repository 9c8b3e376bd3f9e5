import type { Static } from '@sinclair/typebox';
import type { CategoryView as CategoryViewSchema } from '../../schemas/admin/category.js';
import { isoTimestamp } from './sql-values.js';

export type CategoryView = Static<typeof CategoryViewSchema>;

export interface CategoryRow {
  id: string;
  business_id: string;
  menu_id: string;
  parent_id: string | null;
  name: string;
  description: string | null;
  display_order: number;
  created_at: Date | string;
  updated_at: Date | string;
  cursor_at: string;
}

export const CATEGORY_COLUMNS = `id, business_id, menu_id, parent_id, name, description, display_order, created_at,
  updated_at, created_at::text AS cursor_at`;

export function categoryView(row: CategoryRow): CategoryView {
  return {
    id: row.id,
    businessId: row.business_id,
    menuId: row.menu_id,
    parentId: row.parent_id,
    name: row.name,
    description: row.description,
    displayOrder: row.display_order,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

export function categoryEventData(view: CategoryView): Record<string, unknown> {
  return {
    menu_id: view.menuId,
    parent_id: view.parentId,
    name: view.name,
    display_order: view.displayOrder,
  };
}
