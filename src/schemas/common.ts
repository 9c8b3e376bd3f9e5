import { type TObject, type TPartial, type TSchema, Type } from '@sinclair/typebox';
import { SERVICE_TYPES, type ServiceType } from '../domain/orders/order-status.js';
import './formats.js';

/** Schemas shared by many routes. Objects reject unknown fields (additionalProperties: false). */
export const Uuid = Type.String({ format: 'uuid' });
export const Timestamp = Type.String({ format: 'date-time' });
export const CurrencyCode = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code' });
/**
 * The largest amount, quantity or sequence Brigade stores: PostgreSQL's `integer`, the type of its
 * money and counter columns. Larger values are refused where they come in (request bodies, ingested
 * events), not left to fail in the database or to overflow exact sums later.
 */
export const MAX_STORED_INTEGER = 2_147_483_647;
export const MinorUnits = Type.Integer({
  minimum: 0,
  maximum: MAX_STORED_INTEGER,
  description: 'integer minor units (cents)',
});
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { additionalProperties: true, description: 'RFC 9457 problem details with a stable code' },
);

export const ServiceTypeSchema = Type.Unsafe<ServiceType>({ type: 'string', enum: [...SERVICE_TYPES] });

/** The fields of an event envelope (docs/events.md), for responses that list events. */
export const ENVELOPE_PROPERTIES = {
  event_id: Uuid,
  event_type: Type.String(),
  version: Type.Integer(),
  occurred_at: Timestamp,
  business_id: Uuid,
  location_id: Nullable(Uuid),
  order_id: Nullable(Uuid),
  sequence: Type.Integer(),
  payload: Type.Unknown(),
};

export const BusinessParams = Type.Object({ businessId: Uuid });
export const LocationParams = Type.Object({ locationId: Uuid });
export const OrderParams = Type.Object({ orderId: Uuid });

/** Request body object: closed to unknown fields. */
export const StrictObject: typeof Type.Object = ((
  properties: Parameters<typeof Type.Object>[0],
  options = {},
) => Type.Object(properties, { additionalProperties: false, ...options })) as typeof Type.Object;

/**
 * A PATCH body derived from its create body: every field optional, unknown fields rejected, at least
 * one field sent. Fields that never change after creation are left out with `Type.Omit` first.
 */
export function PatchOf<T extends TObject>(create: T, description?: string): TPartial<T> {
  return Type.Partial(create, {
    additionalProperties: false,
    minProperties: 1,
    ...(description ? { description } : {}),
  });
}
