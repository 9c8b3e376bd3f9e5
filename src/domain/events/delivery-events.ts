import { type TSchema, Type } from '@sinclair/typebox';
import { Nullable, Timestamp, Uuid } from '../../schemas/common.js';

/**
 * Delivery events: a driver's attempt to bring a delivery order to the customer, phase by phase.
 * Each carries the order in its envelope (order_id), so the order's timeline and the customer's
 * order feed show the progress. Spread into EVENT_CATALOG (catalog.ts).
 */
const Ids = {
  delivery_id: Uuid,
  order_id: Uuid,
};

export const DELIVERY_EVENTS = {
  'delivery.driver_assigned': {
    version: 1,
    description: 'A driver took a delivery order: assigned by a manager or owner, or claimed by the driver.',
    payload: Type.Object({
      ...Ids,
      driver_user_id: Uuid,
      driver_name: Type.String(),
      assigned_by: Type.Object({
        user_id: Nullable(Uuid),
        role: Type.String({ description: 'owner, manager, platform_admin, or driver (a claim)' }),
      }),
      at: Timestamp,
    }),
  },
  'delivery.driver_arrived': {
    version: 1,
    description: 'The driver arrived at the restaurant to collect the order.',
    payload: Type.Object({ ...Ids, driver_user_id: Uuid, at: Timestamp }),
  },
  'delivery.picked_up': {
    version: 1,
    description:
      'The driver collected the order; the order moved to out_for_delivery in the same transaction.',
    payload: Type.Object({ ...Ids, driver_user_id: Uuid, at: Timestamp }),
  },
  'delivery.location_updated': {
    version: 1,
    description:
      "The driver's position (at most one event per 5 s of device time; every ping is stored in delivery_pings).",
    payload: Type.Object({
      ...Ids,
      driver_user_id: Uuid,
      lat: Type.Number({ minimum: -90, maximum: 90 }),
      lon: Type.Number({ minimum: -180, maximum: 180 }),
      heading: Nullable(
        Type.Number({ minimum: 0, exclusiveMaximum: 360, description: 'degrees from north' }),
      ),
      speed_mps: Nullable(Type.Number({ minimum: 0, description: 'metres per second' })),
      recorded_at: Timestamp,
    }),
  },
  'delivery.delivered': {
    version: 1,
    description: 'The driver handed the order over; the order moved to delivered in the same transaction.',
    payload: Type.Object({ ...Ids, driver_user_id: Uuid, at: Timestamp }),
  },
  'delivery.failed': {
    version: 1,
    description:
      'The delivery attempt ended without handing the order over (reported by the driver or a manager).',
    payload: Type.Object({ ...Ids, driver_user_id: Nullable(Uuid), reason: Type.String(), at: Timestamp }),
  },
} as const satisfies Record<string, { version: number; description: string; payload: TSchema }>;
