import { Type } from '@sinclair/typebox';
import { CurrencyCode, MAX_STORED_INTEGER, MinorUnits, Nullable, Uuid } from '../../schemas/common.js';

/** Shapes several order events share (order.placed, order.items_added): one definition each. */

export const OrderLine = Type.Object({
  line_id: Uuid,
  line_number: Type.Integer({ minimum: 1 }),
  item_id: Uuid,
  brand_id: Uuid,
  category_id: Uuid,
  name: Type.String(),
  station: Type.String(),
  unit_price: MinorUnits,
  unit_cost: Nullable(MinorUnits),
  quantity: Type.Integer({ minimum: 1, maximum: MAX_STORED_INTEGER }),
  modifiers: Type.Array(
    Type.Object({
      group_id: Uuid,
      group_name: Type.String(),
      option_id: Uuid,
      name: Type.String(),
      price: MinorUnits,
    }),
  ),
  line_subtotal: MinorUnits,
  discount: MinorUnits,
  notes: Nullable(Type.String()),
});

export const OrderTotals = Type.Object({
  currency: CurrencyCode,
  subtotal: MinorUnits,
  discount: MinorUnits,
  loyalty_discount: MinorUnits,
  tax: MinorUnits,
  tip: MinorUnits,
  delivery_fee: MinorUnits,
  total: MinorUnits,
});
