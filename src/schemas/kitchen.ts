import { Type } from '@sinclair/typebox';
import {
  ACTIVE_TICKET_STATUSES,
  TICKET_STATUSES,
  type TicketStatus,
} from '../domain/kitchen/ticket-status.js';
import { LocationParams, Nullable, StrictObject, Timestamp, Uuid } from './common.js';

export const TicketStatusSchema = Type.Unsafe<TicketStatus>({ type: 'string', enum: [...TICKET_STATUSES] });
const ItemTarget = Type.Unsafe<'preparing' | 'ready' | 'served'>({
  type: 'string',
  enum: ['preparing', 'ready', 'served'],
});
const Priority = Type.Integer({ minimum: 0, maximum: 10, description: '0 (whenever) to 10 (rush)' });

export const TicketParams = Type.Object({ locationId: Uuid, ticketId: Uuid });
export const TicketItemParams = Type.Object({ locationId: Uuid, ticketId: Uuid, itemId: Uuid });
export { LocationParams };

export const TicketItemView = Type.Object({
  id: Uuid,
  orderLineId: Nullable(Uuid),
  lineNumber: Nullable(Type.Integer()),
  itemId: Nullable(Uuid),
  name: Type.String(),
  quantity: Type.Integer({ minimum: 1 }),
  modifiers: Type.Array(Type.Object({ name: Type.String() })),
  notes: Nullable(Type.String()),
  status: TicketStatusSchema,
  startedAt: Nullable(Timestamp),
  readyAt: Nullable(Timestamp),
  servedAt: Nullable(Timestamp),
});

export const TicketView = Type.Object({
  id: Uuid,
  locationId: Uuid,
  orderId: Nullable(Uuid),
  station: Type.String(),
  status: TicketStatusSchema,
  priority: Priority,
  serviceType: Nullable(Type.String()),
  tableNumber: Nullable(Type.String()),
  source: Type.Union([Type.Literal('order'), Type.Literal('added')], {
    description: 'order: from the confirmed order; added: lines added while it was in the kitchen',
  }),
  createdAt: Timestamp,
  targetAt: Timestamp,
  startedAt: Nullable(Timestamp),
  readyAt: Nullable(Timestamp),
  servedAt: Nullable(Timestamp),
  cancelledAt: Nullable(Timestamp),
  cancelReason: Nullable(Type.String()),
  ageSeconds: Type.Integer({
    minimum: 0,
    description: 'since it reached the kitchen (until served or cancelled)',
  }),
  late: Type.Boolean({ description: 'pending or preparing past targetAt' }),
  finishedLate: Nullable(Type.Boolean({ description: 'became ready after targetAt (null until ready)' })),
  prepSeconds: Nullable(Type.Integer({ minimum: 0, description: 'from reaching the kitchen to ready' })),
  items: Type.Array(TicketItemView),
});

export const TicketListQuery = Type.Object(
  {
    station: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    status: Type.Optional(
      Type.Array(TicketStatusSchema, { description: 'repeat for several; overrides active' }),
    ),
    active: Type.Boolean({
      default: true,
      description: `only ${ACTIVE_TICKET_STATUSES.join(', ')} tickets (ignored when status is given)`,
    }),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 200 }),
  },
  { additionalProperties: false },
);
export const TicketList = Type.Object({ tickets: Type.Array(TicketView) });

export const TicketHistoryQuery = Type.Object(
  {
    from: Type.Optional(Timestamp),
    to: Type.Optional(Timestamp),
    station: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    status: Type.Optional(Type.Array(TicketStatusSchema)),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export const TicketHistoryPage = Type.Object({
  tickets: Type.Array(TicketView),
  nextCursor: Nullable(Type.String()),
});

export const KitchenStatsQuery = Type.Object(
  {
    from: Type.Optional(Timestamp),
    to: Type.Optional(Timestamp),
    station: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  },
  { additionalProperties: false },
);
const PrepFigures = {
  tickets: Type.Integer({
    minimum: 0,
    description: 'tickets that became ready in the range (not cancelled)',
  }),
  avgPrepSeconds: Nullable(Type.Number()),
  p50PrepSeconds: Nullable(Type.Number()),
  p90PrepSeconds: Nullable(Type.Number()),
  late: Type.Integer({ minimum: 0, description: 'of those, ready after their target time' }),
};
export const KitchenStats = Type.Object({
  from: Timestamp,
  to: Timestamp,
  overall: Type.Object(PrepFigures),
  stations: Type.Array(Type.Object({ station: Type.String(), ...PrepFigures })),
});

export const StationList = Type.Object({
  stations: Type.Array(
    Type.Object({
      station: Type.String(),
      pending: Type.Integer({ minimum: 0 }),
      preparing: Type.Integer({ minimum: 0 }),
      ready: Type.Integer({ minimum: 0 }),
      late: Type.Integer({ minimum: 0 }),
    }),
  ),
});

/** Optional guard: the status the screen showed; the move is refused if the ticket has moved since. */
export const TicketMoveBody = Type.Union([
  StrictObject({ from: Type.Optional(TicketStatusSchema) }),
  Type.Null(),
]);
export const ItemStatusBody = StrictObject({ status: ItemTarget });
export const PriorityBody = StrictObject({ priority: Priority });
