import type { TaxLine } from '../../domain/orders/order-addition.js';
import type { Queryable } from '../../storage/database.js';

/** A priced line of an addition, as decided before payment and written to order_lines once paid. */
export interface AdditionLine {
  lineId: string;
  itemId: string;
  brandId: string;
  categoryId: string;
  name: string;
  station: string;
  unitPriceMinor: number;
  unitCostMinor: number | null;
  quantity: number;
  modifiers: { groupId: string; groupName: string; optionId: string; name: string; priceMinor: number }[];
  lineSubtotalMinor: number;
  discountMinor: number;
  notes: string | null;
}

export type AdditionStatus = 'pending' | 'applied' | 'declined' | 'voided';

/** An order_additions row: one saga of items added to an order (migrations/004-delivery.sql). */
export interface AdditionRow {
  id: string;
  business_id: string;
  order_id: string;
  status: AdditionStatus;
  added_by: string | null;
  added_by_role: string;
  lines: AdditionLine[];
  taxes: TaxLine[];
  currency: string;
  subtotal_minor: number;
  tax_minor: number;
  total_minor: number;
  payment_method: string;
  payment_provider: string | null;
  payment_id: string | null;
  decline_code: string | null;
  decline_reason: string | null;
}

export async function loadAddition(db: Queryable, additionId: string): Promise<AdditionRow | undefined> {
  const { rows } = await db.query<AdditionRow>('SELECT * FROM order_additions WHERE id = $1', [additionId]);
  return rows[0];
}
