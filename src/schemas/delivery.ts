import { Type } from '@sinclair/typebox';
import { DELIVERY_STATUSES } from '../domain/delivery/delivery-status.js';
import { ORDER_STATUSES } from '../domain/orders/order-status.js';
import { Nullable, StrictObject, Timestamp, Uuid } from './common.js';

const Position = { lat: Type.Number(), lon: Type.Number() };

export const AssignDriverBody = StrictObject({
  driverUserId: Uuid,
});

export const DeliveryFailedBody = StrictObject({
  reason: Type.String({ minLength: 1, maxLength: 500 }),
});

export const PingInput = StrictObject({
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  lon: Type.Number({ minimum: -180, maximum: 180 }),
  heading: Type.Optional(
    Type.Number({ minimum: 0, exclusiveMaximum: 360, description: 'degrees clockwise from north' }),
  ),
  speedMps: Type.Optional(Type.Number({ minimum: 0, maximum: 100, description: 'metres per second' })),
  recordedAt: Type.String({
    format: 'date-time',
    description: "when the device took the fix (at most 2 minutes ahead of the server's clock)",
  }),
});

export const PingsBody = StrictObject({
  pings: Type.Array(PingInput, {
    minItems: 1,
    maxItems: 100,
    description: 'one ping, or a batch a driver app collected while throttled or offline',
  }),
});

export const PingResult = Type.Object({
  stored: Type.Integer(),
  duplicates: Type.Integer(),
  positionUpdated: Type.Boolean(),
  announced: Type.Boolean(),
});

export const DeliveryView = Type.Object({
  orderId: Uuid,
  orderStatus: Type.Union(ORDER_STATUSES.map((status) => Type.Literal(status))),
  placedAt: Timestamp,
  status: Type.Union([
    Type.Literal('unassigned'),
    ...DELIVERY_STATUSES.map((status) => Type.Literal(status)),
  ]),
  deliveryId: Nullable(Uuid),
  driver: Nullable(Type.Object({ userId: Uuid, name: Type.String() })),
  assignedAt: Nullable(Timestamp),
  arrivedAt: Nullable(Timestamp),
  pickedUpAt: Nullable(Timestamp),
  deliveredAt: Nullable(Timestamp),
  failedAt: Nullable(Timestamp),
  failureReason: Nullable(Type.String()),
  lastPosition: Nullable(
    Type.Object({
      ...Position,
      heading: Nullable(Type.Number()),
      speedMps: Nullable(Type.Number()),
      recordedAt: Timestamp,
    }),
  ),
  restaurant: Type.Object({
    locationId: Uuid,
    name: Type.String(),
    address: Type.Record(Type.String(), Type.Unknown()),
    ...Position,
  }),
  destination: Type.Object({ address: Type.Record(Type.String(), Type.Unknown()), ...Position }),
  eta: Nullable(
    Type.Object(
      {
        distanceMeters: Type.Integer(),
        seconds: Type.Integer(),
        arriveAt: Timestamp,
        from: Type.Union([Type.Literal('driver'), Type.Literal('restaurant')]),
        speedMph: Type.Integer(),
      },
      { description: 'straight-line distance at 25 mph; see docs/delivery.md' },
    ),
  ),
});

export const DriverDeliveries = Type.Object({
  active: Type.Array(DeliveryView),
  recent: Type.Array(DeliveryView),
});

export const ClaimableDeliveries = Type.Object({
  available: Type.Array(DeliveryView, {
    description: 'unassigned delivery orders the driver may claim, longest waiting first (at most 50)',
  }),
});
