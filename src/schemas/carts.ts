import { Type } from '@sinclair/typebox';
import { CurrencyCode, MinorUnits, Nullable, StrictObject, Uuid } from './common.js';
import { OrderLineInput } from './orders.js';

export const CartParams = Type.Object({ userId: Uuid, locationId: Uuid });
export const CartLineParams = Type.Object({ userId: Uuid, locationId: Uuid, lineId: Uuid });
export const CartLineBody = OrderLineInput;
export const CartLinePatch = StrictObject(
  {
    quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 99 })),
    modifiers: Type.Optional(Type.Array(Uuid, { maxItems: 30 })),
    notes: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { minProperties: 1 },
);

export const CartView = Type.Object({
  id: Nullable(Uuid),
  locationId: Uuid,
  currency: CurrencyCode,
  lines: Type.Array(
    Type.Object({
      id: Uuid,
      itemId: Uuid,
      name: Type.String(),
      quantity: Type.Integer(),
      unitPriceMinor: MinorUnits,
      modifiers: Type.Array(
        Type.Object({
          groupId: Uuid,
          groupName: Type.String(),
          optionId: Uuid,
          name: Type.String(),
          priceMinor: MinorUnits,
        }),
      ),
      lineSubtotalMinor: MinorUnits,
      notes: Nullable(Type.String()),
      orderable: Type.Boolean(),
    }),
  ),
  subtotalMinor: MinorUnits,
});
