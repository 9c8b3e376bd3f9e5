import type { Queryable } from '../../storage/database.js';
import type { RequestedLine } from '../orders/resolve-lines.js';

export interface StoredCartLine extends RequestedLine {
  id: string;
}

/**
 * A user's cart at a location: its id (null before the first line is added) and its lines, oldest
 * first, as requests to resolve against the live menu. The cart view and order placement both read it.
 */
export async function loadCart(
  db: Queryable,
  userId: string,
  locationId: string,
): Promise<{ id: string | null; lines: StoredCartLine[] }> {
  const { rows } = await db.query<{
    cart_id: string;
    id: string | null;
    item_id: string | null;
    quantity: number | null;
    modifier_option_ids: string[] | null;
    notes: string | null;
  }>(
    `SELECT c.id AS cart_id, l.id, l.item_id, l.quantity, l.modifier_option_ids, l.notes
     FROM carts c LEFT JOIN cart_lines l ON l.cart_id = c.id
     WHERE c.user_id = $1 AND c.location_id = $2 ORDER BY l.created_at, l.id`,
    [userId, locationId],
  );
  const lines = rows.flatMap((row) =>
    row.id && row.item_id && row.quantity !== null
      ? [
          {
            id: row.id,
            itemId: row.item_id,
            quantity: row.quantity,
            modifiers: row.modifier_option_ids ?? [],
            notes: row.notes,
          },
        ]
      : [],
  );
  return { id: rows[0]?.cart_id ?? null, lines };
}
