import type { Static } from '@sinclair/typebox';
import type { LocationView as LocationViewSchema } from '../../schemas/admin/location.js';
import { isoTimestamp } from './sql-values.js';

export type LocationView = Static<typeof LocationViewSchema>;

export interface LocationRow {
  id: string;
  business_id: string;
  code: string;
  name: string;
  kind: LocationView['kind'];
  address: LocationView['address'];
  lat: number;
  lon: number;
  time_zone: string;
  currency: string;
  tax_rules: LocationView['taxRules'];
  service_types: LocationView['serviceTypes'];
  delivery_fee_minor: number;
  delivery_radius_km: number | null;
  business_hours: LocationView['businessHours'];
  holidays: LocationView['holidays'];
  status: LocationView['status'];
  created_at: Date | string;
  updated_at: Date | string;
  cursor_at: string;
}

export const LOCATION_COLUMNS = `id, business_id, code, name, kind, address, lat, lon, time_zone, currency, tax_rules,
  service_types, delivery_fee_minor, delivery_radius_km, business_hours, holidays, status, created_at, updated_at,
  created_at::text AS cursor_at`;

export function locationView(row: LocationRow): LocationView {
  return {
    id: row.id,
    businessId: row.business_id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    address: row.address,
    lat: row.lat,
    lon: row.lon,
    timeZone: row.time_zone,
    currency: row.currency,
    taxRules: row.tax_rules,
    serviceTypes: row.service_types,
    deliveryFeeMinor: row.delivery_fee_minor,
    deliveryRadiusKm: row.delivery_radius_km,
    businessHours: row.business_hours,
    holidays: row.holidays,
    status: row.status,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

/** What consumers of location.changed need to refresh a restaurant listing (snake_case, like all payloads). */
export function locationEventData(view: LocationView): Record<string, unknown> {
  return {
    code: view.code,
    name: view.name,
    kind: view.kind,
    status: view.status,
    time_zone: view.timeZone,
    currency: view.currency,
    lat: view.lat,
    lon: view.lon,
    service_types: view.serviceTypes,
    tax_rules: view.taxRules.map((rule) => ({ name: rule.name, rate_bps: rule.rateBps })),
    delivery_fee: view.deliveryFeeMinor,
  };
}
