import { type TOptional, Type } from '@sinclair/typebox';
import { WEEKDAYS, type Weekday } from '../../domain/locations/local-time.js';
import {
  CurrencyCode,
  MinorUnits,
  Nullable,
  PatchOf,
  ServiceTypeSchema,
  StrictObject,
  Timestamp,
  Uuid,
} from '../common.js';

export const Clock = Type.String({
  pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
  description: 'HH:MM, 24-hour',
});
export const CalendarDate = Type.String({
  pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$',
  description: 'YYYY-MM-DD',
});

const Address = StrictObject({
  line1: Type.String({ minLength: 1, maxLength: 200 }),
  line2: Type.Optional(Type.String({ maxLength: 200 })),
  city: Type.String({ minLength: 1, maxLength: 100 }),
  region: Type.String({ minLength: 1, maxLength: 100 }),
  postalCode: Type.String({ minLength: 1, maxLength: 20 }),
  country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' }),
});
const TaxRule = StrictObject({
  name: Type.String({ minLength: 1, maxLength: 50 }),
  rateBps: Type.Integer({ minimum: 0, maximum: 10_000, description: 'basis points: 1300 = 13%' }),
});
/** A section of a day's hours (e.g. lunch, dinner); closes before opens means it runs past midnight. */
const HoursSection = StrictObject({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  opens: Clock,
  closes: Clock,
});
const Sections = Type.Array(HoursSection, { maxItems: 10 });
const BusinessHours = StrictObject(
  Object.fromEntries(WEEKDAYS.map((day) => [day, Type.Optional(Sections)])) as Record<
    Weekday,
    TOptional<typeof Sections>
  >,
);
const Holiday = StrictObject({
  date: CalendarDate,
  name: Type.String({ minLength: 1, maxLength: 100 }),
  closed: Type.Boolean(),
  sections: Type.Optional(Sections),
});
const LocationStatus = Type.Union([Type.Literal('open'), Type.Literal('paused'), Type.Literal('closed')]);
const LocationKind = Type.Union([Type.Literal('restaurant'), Type.Literal('ghost_kitchen')]);

const fields = {
  code: Type.String({ pattern: '^[A-Za-z0-9_-]{1,40}$' }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  kind: LocationKind,
  address: Address,
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  lon: Type.Number({ minimum: -180, maximum: 180 }),
  timeZone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. America/Toronto' }),
  currency: CurrencyCode,
  taxRules: Type.Array(TaxRule, { maxItems: 10 }),
  serviceTypes: Type.Array(ServiceTypeSchema, { minItems: 1, maxItems: 3, uniqueItems: true }),
  deliveryFeeMinor: MinorUnits,
  deliveryRadiusKm: Nullable(Type.Number({ exclusiveMinimum: 0, maximum: 1000 })),
  businessHours: BusinessHours,
  holidays: Type.Array(Holiday, { maxItems: 366 }),
  status: LocationStatus,
};

export const CreateLocationBody = StrictObject({
  code: fields.code,
  name: fields.name,
  kind: Type.Optional(fields.kind),
  address: fields.address,
  lat: fields.lat,
  lon: fields.lon,
  timeZone: fields.timeZone,
  currency: Type.Optional(fields.currency),
  taxRules: Type.Optional(fields.taxRules),
  serviceTypes: fields.serviceTypes,
  deliveryFeeMinor: Type.Optional(fields.deliveryFeeMinor),
  deliveryRadiusKm: Type.Optional(fields.deliveryRadiusKm),
  businessHours: Type.Optional(fields.businessHours),
  holidays: Type.Optional(fields.holidays),
  status: Type.Optional(fields.status),
});

export const UpdateLocationBody = PatchOf(CreateLocationBody);

export const LocationView = Type.Object({
  id: Uuid,
  businessId: Uuid,
  code: Type.String(),
  name: Type.String(),
  kind: LocationKind,
  address: Type.Object({
    line1: Type.String(),
    line2: Type.Optional(Type.String()),
    city: Type.String(),
    region: Type.String(),
    postalCode: Type.String(),
    country: Type.String(),
  }),
  lat: Type.Number(),
  lon: Type.Number(),
  timeZone: Type.String(),
  currency: Type.String(),
  taxRules: Type.Array(Type.Object({ name: Type.String(), rateBps: Type.Integer() })),
  serviceTypes: Type.Array(ServiceTypeSchema),
  deliveryFeeMinor: Type.Integer(),
  deliveryRadiusKm: Nullable(Type.Number()),
  businessHours: Type.Record(
    Type.String(),
    Type.Array(
      Type.Object({ name: Type.Optional(Type.String()), opens: Type.String(), closes: Type.String() }),
    ),
  ),
  holidays: Type.Array(
    Type.Object({
      date: Type.String(),
      name: Type.String(),
      closed: Type.Boolean(),
      sections: Type.Optional(
        Type.Array(
          Type.Object({ name: Type.Optional(Type.String()), opens: Type.String(), closes: Type.String() }),
        ),
      ),
    }),
  ),
  status: LocationStatus,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const LocationItemParams = Type.Object({ businessId: Uuid, locationId: Uuid });
