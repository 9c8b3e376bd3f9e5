import { type TSchema, Type } from '@sinclair/typebox';
import { Nullable, Timestamp, Uuid } from '../../schemas/common.js';
import { MAX_TABLE_CAPACITY, TABLE_STATUSES } from '../tables/table-status.js';

/**
 * Dining-table events (floor plan and host stand). They carry the location in the envelope and no
 * envelope order id: a table is not part of an order's timeline; `order_id` in the payload says which
 * order a seated table is serving.
 */
const TableStatus = Type.Union(TABLE_STATUSES.map((status) => Type.Literal(status)));

export const TABLE_EVENTS = {
  'table.changed': {
    version: 1,
    description:
      'A dining table was created, updated (number, capacity, section, position, shape) or deleted.',
    payload: Type.Object({
      table_id: Uuid,
      action: Type.Union([Type.Literal('created'), Type.Literal('updated'), Type.Literal('deleted')]),
      /** The table as it is after the change (null when deleted). */
      data: Nullable(Type.Record(Type.String(), Type.Unknown())),
    }),
  },
  'table.status_changed': {
    version: 1,
    description:
      'A table was seated, cleared, cleaned, reserved or taken out of service (by staff, or by a dine-in order).',
    payload: Type.Object({
      table_id: Uuid,
      number: Type.String(),
      from: TableStatus,
      to: TableStatus,
      party_size: Nullable(Type.Integer({ minimum: 1, maximum: MAX_TABLE_CAPACITY })),
      order_id: Nullable(Uuid),
      at: Timestamp,
    }),
  },
} as const satisfies Record<string, { version: number; description: string; payload: TSchema }>;
