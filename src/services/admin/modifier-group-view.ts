import type { Static } from '@sinclair/typebox';
import type { ModifierGroupView as ModifierGroupViewSchema } from '../../schemas/admin/modifier-group.js';
import type { Queryable } from '../../storage/database.js';
import { isoTimestamp } from './sql-values.js';

export type ModifierGroupView = Static<typeof ModifierGroupViewSchema>;

export interface ModifierGroupRow {
  id: string;
  business_id: string;
  name: string;
  selection: 'single' | 'multiple';
  required: boolean;
  min_selections: number;
  max_selections: number;
  created_at: Date | string;
  updated_at: Date | string;
  cursor_at: string;
}

interface OptionRow {
  id: string;
  group_id: string;
  name: string;
  price_minor: number;
  available: boolean;
  display_order: number;
}

export const MODIFIER_GROUP_COLUMNS = `id, business_id, name, selection, required, min_selections, max_selections,
  created_at, updated_at, created_at::text AS cursor_at`;

/** Loads the options of many groups in one query and attaches them, in display order. */
export async function withOptions(
  q: Queryable,
  businessId: string,
  rows: readonly ModifierGroupRow[],
): Promise<ModifierGroupView[]> {
  if (rows.length === 0) return [];
  const options = await q.query<OptionRow>(
    `SELECT id, group_id, name, price_minor, available, display_order FROM modifier_options
     WHERE business_id = $1 AND group_id = ANY($2::uuid[]) ORDER BY display_order, name, id`,
    [businessId, rows.map((row) => row.id)],
  );
  return rows.map((row) => ({
    id: row.id,
    businessId: row.business_id,
    name: row.name,
    selection: row.selection,
    required: row.required,
    minSelections: row.min_selections,
    maxSelections: row.max_selections,
    options: options.rows
      .filter((option) => option.group_id === row.id)
      .map((option) => ({
        id: option.id,
        name: option.name,
        priceMinor: option.price_minor,
        available: option.available,
        displayOrder: option.display_order,
      })),
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  }));
}

export function modifierGroupEventData(view: ModifierGroupView): Record<string, unknown> {
  return {
    name: view.name,
    selection: view.selection,
    required: view.required,
    min_selections: view.minSelections,
    max_selections: view.maxSelections,
    options: view.options.map((option) => ({
      option_id: option.id,
      name: option.name,
      price: option.priceMinor,
      available: option.available,
    })),
  };
}
