import { type TSchema, Type } from '@sinclair/typebox';
import { Nullable, Timestamp, Uuid } from '../../schemas/common.js';
import { TICKET_STATUSES } from '../kitchen/ticket-status.js';

/**
 * Kitchen display events (docs/kitchen.md). Every payload names its ticket, the order it cooks for and
 * the station. `order_id` is in the payload as well as the envelope: the envelope's order_id is set only
 * for Brigade orders (rows of `orders`, whose event sequence it continues), while a foreign order known
 * only from the bus keeps it in the payload.
 */

const TicketStatus = Type.Union(TICKET_STATUSES.map((status) => Type.Literal(status)));
const Priority = Type.Integer({ minimum: 0, maximum: 10, description: '0 (whenever) to 10 (rush)' });
const TicketRef = {
  ticket_id: Uuid,
  order_id: Nullable(Uuid),
  station: Type.String(),
};

export const KITCHEN_EVENTS = {
  'kitchen.ticket_created': {
    version: 1,
    description:
      'A station got a ticket: its share of a confirmed order, or of lines added to an order already in the kitchen.',
    payload: Type.Object({
      ...TicketRef,
      priority: Priority,
      target_at: Timestamp,
      created_at: Timestamp,
      items: Type.Array(
        Type.Object({
          ticket_item_id: Uuid,
          order_line_id: Nullable(Uuid),
          item_id: Nullable(Uuid),
          name: Type.String(),
          quantity: Type.Integer({ minimum: 1 }),
          modifiers: Type.Array(Type.Object({ name: Type.String() })),
          notes: Nullable(Type.String()),
        }),
        { minItems: 1 },
      ),
    }),
  },
  'kitchen.ticket_started': {
    version: 1,
    description: 'The station started the ticket (its first item went to preparing).',
    payload: Type.Object({ ...TicketRef, started_at: Timestamp }),
  },
  'kitchen.item_started': {
    version: 1,
    description: 'One item of a ticket went to preparing.',
    payload: Type.Object({ ...TicketRef, ticket_item_id: Uuid, at: Timestamp }),
  },
  'kitchen.item_ready': {
    version: 1,
    description: 'One item of a ticket is ready.',
    payload: Type.Object({ ...TicketRef, ticket_item_id: Uuid, at: Timestamp }),
  },
  'kitchen.ticket_ready': {
    version: 1,
    description:
      'Every item of the ticket is ready; prep_seconds runs from the ticket reaching the kitchen until it was ready; late when that was after target_at.',
    payload: Type.Object({
      ...TicketRef,
      started_at: Timestamp,
      ready_at: Timestamp,
      target_at: Timestamp,
      prep_seconds: Type.Integer({ minimum: 0 }),
      late: Type.Boolean(),
    }),
  },
  'kitchen.ticket_served': {
    version: 1,
    description: 'The ticket left the pass: served at the table, handed over, or given to the driver.',
    payload: Type.Object({ ...TicketRef, served_at: Timestamp }),
  },
  'kitchen.ticket_recalled': {
    version: 1,
    description: 'A bumped ticket was brought back one step (served → ready, ready → preparing).',
    payload: Type.Object({ ...TicketRef, from: TicketStatus, to: TicketStatus, at: Timestamp }),
  },
  'kitchen.ticket_cancelled': {
    version: 1,
    description: 'The ticket was cancelled because its order was; served tickets are never cancelled.',
    payload: Type.Object({ ...TicketRef, reason: Type.String(), at: Timestamp }),
  },
  'kitchen.ticket_priority_changed': {
    version: 1,
    description: "Someone changed the ticket's priority.",
    payload: Type.Object({ ...TicketRef, priority: Priority }),
  },
} as const satisfies Record<string, { version: number; description: string; payload: TSchema }>;
