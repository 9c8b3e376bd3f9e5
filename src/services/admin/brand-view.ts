import type { Static } from '@sinclair/typebox';
import type { BrandView as BrandViewSchema } from '../../schemas/admin/brand.js';
import { isoTimestamp } from './sql-values.js';

export type BrandView = Static<typeof BrandViewSchema>;

export interface BrandRow {
  id: string;
  business_id: string;
  name: string;
  cuisine: string | null;
  description: string | null;
  starts_on: string | null;
  ends_on: string | null;
  location_ids: string[];
  created_at: Date | string;
  updated_at: Date | string;
  cursor_at: string;
}

// Dates as text: pg would turn a date into a local-midnight Date and shift it across time zones.
export const BRAND_COLUMNS = `b.id, b.business_id, b.name, b.cuisine, b.description, b.starts_on::text AS starts_on,
  b.ends_on::text AS ends_on, b.created_at, b.updated_at, b.created_at::text AS cursor_at,
  ARRAY(SELECT bl.location_id FROM brand_locations bl WHERE bl.brand_id = b.id ORDER BY bl.location_id) AS location_ids`;

export function brandView(row: BrandRow): BrandView {
  return {
    id: row.id,
    businessId: row.business_id,
    name: row.name,
    cuisine: row.cuisine,
    description: row.description,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    locationIds: row.location_ids,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

export function brandEventData(view: BrandView): Record<string, unknown> {
  return {
    name: view.name,
    cuisine: view.cuisine,
    starts_on: view.startsOn,
    ends_on: view.endsOn,
    location_ids: view.locationIds,
  };
}
