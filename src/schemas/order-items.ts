import { Type } from '@sinclair/typebox';
import { CurrencyCode, MinorUnits, Nullable, StrictObject, Uuid } from './common.js';
import { OrderLineInput, OrderView, PlaceOrderBody } from './orders.js';

export const AddItemsBody = StrictObject(
  {
    items: Type.Array(OrderLineInput, { minItems: 1, maxItems: 100 }),
    payment: PlaceOrderBody.properties.payment,
  },
  { description: 'Lines as at placement; the server prices them and charges the addition with `payment`.' },
);

export const AddItemsHeaders = Type.Object({
  'idempotency-key': Type.String({
    minLength: 1,
    maxLength: 200,
    pattern: '^[\\x21-\\x7e]+$',
    description: 'required: the same key and body return the first answer, and never charge twice',
  }),
});

export const AdditionResult = Type.Object({
  additionId: Uuid,
  status: Type.Union(['pending', 'applied', 'declined', 'voided'].map((status) => Type.Literal(status))),
  lineNumbers: Type.Array(Type.Integer({ minimum: 1 })),
  added: Type.Object({
    currency: CurrencyCode,
    subtotalMinor: MinorUnits,
    taxMinor: MinorUnits,
    totalMinor: MinorUnits,
  }),
  paymentId: Nullable(Uuid),
  declineCode: Nullable(Type.String()),
  declineReason: Nullable(Type.String()),
  order: OrderView,
});
