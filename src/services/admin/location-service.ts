import { randomUUID } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import { AppError } from '../../errors/app-error.js';
import { appendEvents } from '../../outbox/outbox-writer.js';
import type { CreateLocationBody, UpdateLocationBody } from '../../schemas/admin/location.js';
import type { Database, Queryable } from '../../storage/database.js';
import { businessCurrency } from './business-currency.js';
import { mapDbErrors } from './db-errors.js';
import { LOCATION_COLUMNS, type LocationView, locationEventData, locationView } from './location-view.js';
import { type Page, type PageRequest, queryPage } from './pagination.js';
import { fieldError, rowLoader } from './references.js';
import { ChangeSet, deleteRow, requireSomeField, updateRow } from './sql-update.js';
import { jsonParam } from './sql-values.js';
import { isKnownTimeZone } from './time-zone.js';

export type CreateLocationInput = Static<typeof CreateLocationBody>;
export type UpdateLocationInput = Static<typeof UpdateLocationBody>;

const CODE_TAKEN = 'Another location of this business uses this code';

const load = rowLoader(
  'Location',
  `SELECT ${LOCATION_COLUMNS} FROM locations WHERE id = $1 AND business_id = $2`,
  locationView,
);

export class LocationService {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  async create(businessId: string, input: CreateLocationInput): Promise<LocationView> {
    assertTimeZone(input.timeZone);
    const id = randomUUID();
    return this.db.transaction(async (tx) => {
      // Looked up even when the body names a currency: an unknown business is a 404, not a failed insert.
      const defaultCurrency = await businessCurrency(tx, businessId);
      const currency = input.currency ?? defaultCurrency;
      await assertCodeFree(tx, businessId, input.code);
      await mapDbErrors(
        () =>
          tx.query(
            `INSERT INTO locations (id, business_id, code, name, kind, address, lat, lon, time_zone, currency, tax_rules,
               service_types, delivery_fee_minor, delivery_radius_km, business_hours, holidays, status)
             VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11::jsonb, $12, $13, $14, $15::jsonb, $16::jsonb, $17)`,
            [
              id,
              businessId,
              input.code,
              input.name,
              input.kind ?? 'restaurant',
              jsonParam(input.address),
              input.lat,
              input.lon,
              input.timeZone,
              currency,
              jsonParam(input.taxRules ?? []),
              input.serviceTypes,
              input.deliveryFeeMinor ?? 0,
              input.deliveryRadiusKm ?? null,
              jsonParam(input.businessHours ?? {}),
              jsonParam(input.holidays ?? []),
              input.status ?? 'open',
            ],
          ),
        CODE_TAKEN,
      );
      const view = await load(tx, businessId, id);
      await appendEvents(tx, [
        {
          type: 'location.changed',
          businessId,
          locationId: id,
          payload: { action: 'created', data: locationEventData(view) },
          occurredAt: this.now(),
        },
      ]);
      return view;
    });
  }

  async list(businessId: string, page: PageRequest): Promise<Page<LocationView>> {
    const sql = `SELECT ${LOCATION_COLUMNS} FROM locations WHERE business_id = $1`;
    return queryPage(this.db, sql, [businessId], page, locationView);
  }

  async get(businessId: string, locationId: string): Promise<LocationView> {
    return load(this.db, businessId, locationId);
  }

  /** A status change gets its own event (ordering reacts to it); any other change is location.changed. */
  async update(businessId: string, locationId: string, input: UpdateLocationInput): Promise<LocationView> {
    requireSomeField(input);
    if (input.timeZone !== undefined) assertTimeZone(input.timeZone);
    return this.db.transaction(async (tx) => {
      const before = await load(tx, businessId, locationId);
      if (input.code !== undefined && input.code !== before.code)
        await assertCodeFree(tx, businessId, input.code);
      const changes = new ChangeSet()
        .set('code', input.code)
        .set('name', input.name)
        .set('kind', input.kind)
        .set('address', input.address === undefined ? undefined : jsonParam(input.address), '::jsonb')
        .set('lat', input.lat)
        .set('lon', input.lon)
        .set('time_zone', input.timeZone)
        .set('currency', input.currency)
        .set('tax_rules', input.taxRules === undefined ? undefined : jsonParam(input.taxRules), '::jsonb')
        .set('service_types', input.serviceTypes)
        .set('delivery_fee_minor', input.deliveryFeeMinor)
        .set('delivery_radius_km', input.deliveryRadiusKm)
        .set(
          'business_hours',
          input.businessHours === undefined ? undefined : jsonParam(input.businessHours),
          '::jsonb',
        )
        .set('holidays', input.holidays === undefined ? undefined : jsonParam(input.holidays), '::jsonb')
        .set('status', input.status);
      await mapDbErrors(() => updateRow(tx, 'locations', changes, locationId, businessId), CODE_TAKEN);
      const after = await load(tx, businessId, locationId);
      const occurredAt = this.now();
      const statusChanged = after.status !== before.status;
      const otherChanged = Object.keys(input).some((key) => key !== 'status');
      if (statusChanged) {
        await appendEvents(tx, [
          {
            type: 'location.status_changed',
            businessId,
            locationId,
            payload: { from: before.status, to: after.status },
            occurredAt,
          },
        ]);
      }
      if (otherChanged || !statusChanged) {
        await appendEvents(tx, [
          {
            type: 'location.changed',
            businessId,
            locationId,
            payload: { action: 'updated', data: locationEventData(after) },
            occurredAt,
          },
        ]);
      }
      return after;
    });
  }

  /** A location that has taken orders keeps them (order history points at it): pause or close it instead. */
  async delete(businessId: string, locationId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await load(tx, businessId, locationId);
      const orders = await tx.query('SELECT 1 FROM orders WHERE location_id = $1 LIMIT 1', [locationId]);
      if (orders.rowCount > 0) throw new AppError('in_use', 'The location has orders; close it instead');
      await mapDbErrors(() => deleteRow(tx, 'locations', locationId, businessId));
      // Memberships and offers may still list the id: a stale id matches nothing, whereas removing it
      // could empty the list, and empty means "every location".
      await appendEvents(tx, [
        {
          type: 'location.changed',
          businessId,
          locationId,
          payload: { action: 'deleted', data: null },
          occurredAt: this.now(),
        },
      ]);
    });
  }
}

async function assertCodeFree(tx: Queryable, businessId: string, code: string): Promise<void> {
  const { rowCount } = await tx.query('SELECT 1 FROM locations WHERE business_id = $1 AND code = $2', [
    businessId,
    code,
  ]);
  if (rowCount > 0) throw new AppError('conflict', CODE_TAKEN, { extra: { field: 'code' } });
}

function assertTimeZone(zone: string): void {
  if (!isKnownTimeZone(zone)) throw fieldError('body/timeZone', 'is not a known IANA time zone');
}
