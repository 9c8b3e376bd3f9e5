import { type TSchema, Type } from '@sinclair/typebox';
import { Nullable, Timestamp, Uuid } from '../../schemas/common.js';
import { OrderLine, OrderTotals } from './order-shapes.js';

/** Changes to an order's contents after placement. Spread into EVENT_CATALOG (catalog.ts). */
export const ORDER_CHANGE_EVENTS = {
  'order.items_added': {
    version: 1,
    description:
      'Items were added to a confirmed, preparing or ready order and paid for (payment events come first, ' +
      'in the same transaction); the kitchen makes them as a new ticket.',
    payload: Type.Object({
      addition_id: Uuid,
      lines: Type.Array(OrderLine, {
        minItems: 1,
        description: "line_number continues the order's numbering",
      }),
      added: OrderTotals,
      totals: OrderTotals,
      added_by: Type.Object({
        user_id: Nullable(Uuid),
        role: Type.String({ description: 'customer, cashier, manager, owner or platform_admin' }),
      }),
      at: Timestamp,
    }),
  },
} as const satisfies Record<string, { version: number; description: string; payload: TSchema }>;
