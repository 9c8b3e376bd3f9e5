import { isOpenAt } from '../../domain/locations/opening-hours.js';
import { AppError } from '../../errors/app-error.js';
import type { Queryable } from '../../storage/database.js';

export interface RestaurantView {
  id: string;
  businessId: string;
  businessName: string;
  code: string;
  name: string;
  kind: string;
  address: Record<string, unknown>;
  lat: number;
  lon: number;
  timeZone: string;
  currency: string;
  serviceTypes: string[];
  deliveryFeeMinor: number;
  status: string;
  openNow: boolean;
  currentSection: string | null;
  businessHours: Record<string, { name?: string; opens: string; closes: string }[]>;
  holidays: {
    date: string;
    name: string;
    closed: boolean;
    sections?: { name?: string; opens: string; closes: string }[];
  }[];
  brands: { id: string; name: string; cuisine: string | null }[];
}

interface Row {
  id: string;
  business_id: string;
  business_name: string;
  code: string;
  name: string;
  kind: string;
  address: Record<string, unknown>;
  lat: number;
  lon: number;
  time_zone: string;
  currency: string;
  service_types: string[];
  delivery_fee_minor: number;
  status: string;
  business_hours: RestaurantView['businessHours'];
  holidays: RestaurantView['holidays'];
  brands: RestaurantView['brands'] | null;
}

const SELECT = `
  SELECT l.id, l.business_id, b.name AS business_name, l.code, l.name, l.kind, l.address, l.lat, l.lon, l.time_zone,
         l.currency, l.service_types, l.delivery_fee_minor, l.status, l.business_hours, l.holidays,
         (SELECT json_agg(json_build_object('id', br.id, 'name', br.name, 'cuisine', br.cuisine) ORDER BY br.name)
          FROM brand_locations bl JOIN brands br ON br.id = bl.brand_id WHERE bl.location_id = l.id) AS brands
  FROM locations l JOIN businesses b ON b.id = l.business_id
  WHERE b.status = 'active'`;

function toView(row: Row, now: Date): RestaurantView {
  const hours = isOpenAt(row.business_hours, row.holidays, row.time_zone, now);
  return {
    id: row.id,
    businessId: row.business_id,
    businessName: row.business_name,
    code: row.code,
    name: row.name,
    kind: row.kind,
    address: row.address,
    lat: row.lat,
    lon: row.lon,
    timeZone: row.time_zone,
    currency: row.currency.trim(),
    serviceTypes: row.service_types,
    deliveryFeeMinor: row.delivery_fee_minor,
    status: row.status,
    openNow: row.status === 'open' && hours.open,
    currentSection: hours.open ? hours.section : null,
    businessHours: row.business_hours,
    holidays: row.holidays,
    brands: row.brands ?? [],
  };
}

/** Public discovery of restaurants: every location of an active business that is not closed. */
export async function listRestaurants(
  db: Queryable,
  query: { q?: string | undefined; serviceType?: string | undefined; limit: number },
  now: Date,
): Promise<RestaurantView[]> {
  const params: unknown[] = [];
  let sql = `${SELECT} AND l.status <> 'closed'`;
  if (query.q) {
    params.push(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    sql += ` AND (l.name ILIKE $${params.length} OR l.address->>'city' ILIKE $${params.length} OR b.name ILIKE $${params.length})`;
  }
  if (query.serviceType) {
    params.push(query.serviceType);
    sql += ` AND $${params.length} = ANY(l.service_types)`;
  }
  params.push(query.limit);
  sql += ` ORDER BY b.name, l.name LIMIT $${params.length}`;
  const { rows } = await db.query<Row>(sql, params);
  return rows.map((row) => toView(row, now));
}

export async function getRestaurant(db: Queryable, locationId: string, now: Date): Promise<RestaurantView> {
  const { rows } = await db.query<Row>(`${SELECT} AND l.id = $1`, [locationId]);
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'Restaurant not found');
  return toView(row, now);
}
