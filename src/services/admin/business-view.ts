import type { Static } from '@sinclair/typebox';
import type { BusinessView as BusinessViewSchema } from '../../schemas/admin/business.js';
import { isoTimestamp } from './sql-values.js';

export interface BusinessRow {
  id: string;
  name: string;
  slug: string;
  currency: string;
  status: BusinessView['status'];
  loyalty_earn_points_per_unit: number;
  loyalty_points_per_minor_unit: number;
  created_at: Date | string;
  updated_at: Date | string;
  cursor_at: string;
}

export type BusinessView = Static<typeof BusinessViewSchema>;

export const BUSINESS_COLUMNS = `b.id, b.name, b.slug, b.currency, b.status, b.loyalty_earn_points_per_unit,
  b.loyalty_points_per_minor_unit, b.created_at, b.updated_at, b.created_at::text AS cursor_at`;

export function businessView(row: BusinessRow): BusinessView {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    currency: row.currency,
    status: row.status,
    loyaltyEarnPointsPerUnit: row.loyalty_earn_points_per_unit,
    loyaltyPointsPerMinorUnit: row.loyalty_points_per_minor_unit,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

/** Event data is snake_case like every payload in the catalog. */
export function businessEventData(view: BusinessView): Record<string, unknown> {
  return {
    name: view.name,
    slug: view.slug,
    currency: view.currency,
    status: view.status,
    loyalty_earn_points_per_unit: view.loyaltyEarnPointsPerUnit,
    loyalty_points_per_minor_unit: view.loyaltyPointsPerMinorUnit,
  };
}
