import { randomUUID } from 'node:crypto';
import { AppError, isAppError } from '../../errors/app-error.js';
import type { Database, Queryable } from '../../storage/database.js';
import { loadLocationForOrdering, loadOrderableItems } from '../catalog/location-catalog.js';
import { resolveLines } from '../orders/resolve-lines.js';
import { loadCart } from './cart-lines.js';

export interface CartView {
  id: string | null;
  locationId: string;
  currency: string;
  lines: {
    id: string;
    itemId: string;
    name: string;
    quantity: number;
    unitPriceMinor: number;
    modifiers: { groupId: string; groupName: string; optionId: string; name: string; priceMinor: number }[];
    lineSubtotalMinor: number;
    notes: string | null;
    /** False when the item stopped being orderable since it was added (placement would refuse it). */
    orderable: boolean;
  }[];
  subtotalMinor: number;
}

export interface CartLineInput {
  itemId: string;
  quantity: number;
  modifiers?: string[] | undefined;
  notes?: string | undefined;
}

/**
 * A customer's cart at one location. Lines are validated when added or changed (item sold here,
 * available, modifier rules); prices are never stored: the view and the order price them fresh.
 */
export class CartService {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  async view(userId: string, locationId: string): Promise<CartView> {
    const location = await this.location(locationId);
    const cart = await loadCart(this.db, userId, locationId);
    const items = await loadOrderableItems(
      this.db,
      locationId,
      cart.lines.map((line) => line.itemId),
    );
    const lines: CartView['lines'] = cart.lines.map((row) => {
      try {
        const [line] = resolveLines([row], items, {
          timeZone: location.timeZone,
          now: this.now(),
          fieldOf: () => `lines/${row.id}`,
        });
        if (!line) throw new Error('unreachable');
        const unit = line.item.priceMinor + line.modifiers.reduce((sum, m) => sum + m.priceMinor, 0);
        return {
          id: row.id,
          itemId: row.itemId,
          name: line.item.name,
          quantity: row.quantity,
          unitPriceMinor: line.item.priceMinor,
          modifiers: line.modifiers,
          lineSubtotalMinor: unit * row.quantity,
          notes: row.notes,
          orderable: true,
        };
      } catch (error) {
        // A line that stopped being orderable is shown as such; anything else is a real failure.
        if (!isAppError(error)) throw error;
        const item = items.get(row.itemId);
        return {
          id: row.id,
          itemId: row.itemId,
          name: item?.name ?? 'Unavailable item',
          quantity: row.quantity,
          unitPriceMinor: item?.priceMinor ?? 0,
          modifiers: [],
          lineSubtotalMinor: 0,
          notes: row.notes,
          orderable: false,
        };
      }
    });
    return {
      id: cart.id,
      locationId,
      currency: location.currency,
      lines,
      subtotalMinor: lines.reduce((sum, line) => sum + line.lineSubtotalMinor, 0),
    };
  }

  async addLine(userId: string, locationId: string, input: CartLineInput): Promise<CartView> {
    const location = await this.validate(locationId, input);
    await this.db.transaction(async (tx) => {
      const cartId = await this.ensureCart(tx, userId, locationId, location.businessId);
      await tx.query(
        `INSERT INTO cart_lines (id, business_id, cart_id, item_id, quantity, modifier_option_ids, notes)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          randomUUID(),
          location.businessId,
          cartId,
          input.itemId,
          input.quantity,
          input.modifiers ?? [],
          input.notes ?? null,
        ],
      );
      await tx.query('UPDATE carts SET updated_at = now() WHERE id = $1', [cartId]);
    });
    return this.view(userId, locationId);
  }

  async updateLine(
    userId: string,
    locationId: string,
    lineId: string,
    changes: { quantity?: number | undefined; modifiers?: string[] | undefined; notes?: string | undefined },
  ): Promise<CartView> {
    const current = await this.line(userId, locationId, lineId);
    const next = {
      itemId: current.item_id,
      quantity: changes.quantity ?? current.quantity,
      modifiers: changes.modifiers ?? current.modifier_option_ids,
      notes: changes.notes ?? current.notes ?? undefined,
    };
    await this.validate(locationId, next);
    await this.db.query(
      'UPDATE cart_lines SET quantity = $2, modifier_option_ids = $3, notes = $4 WHERE id = $1',
      [lineId, next.quantity, next.modifiers, next.notes ?? null],
    );
    return this.view(userId, locationId);
  }

  async removeLine(userId: string, locationId: string, lineId: string): Promise<CartView> {
    await this.line(userId, locationId, lineId);
    await this.db.query('DELETE FROM cart_lines WHERE id = $1', [lineId]);
    return this.view(userId, locationId);
  }

  async clear(userId: string, locationId: string): Promise<CartView> {
    await this.location(locationId);
    await this.db.query(
      'DELETE FROM cart_lines WHERE cart_id IN (SELECT id FROM carts WHERE user_id = $1 AND location_id = $2)',
      [userId, locationId],
    );
    return this.view(userId, locationId);
  }

  private async location(locationId: string) {
    const location = await loadLocationForOrdering(this.db, locationId);
    if (!location) throw new AppError('not_found', 'Restaurant not found');
    return location;
  }

  private async validate(locationId: string, input: CartLineInput) {
    const location = await this.location(locationId);
    const items = await loadOrderableItems(this.db, locationId, [input.itemId]);
    resolveLines(
      [
        {
          itemId: input.itemId,
          quantity: input.quantity,
          modifiers: input.modifiers ?? [],
          notes: input.notes ?? null,
        },
      ],
      items,
      // One line, the body itself: its fields are body/itemId, body/modifiers…
      { timeZone: location.timeZone, now: this.now(), fieldOf: () => 'body' },
    );
    return location;
  }

  private async line(userId: string, locationId: string, lineId: string) {
    const { rows } = await this.db.query<{
      item_id: string;
      quantity: number;
      modifier_option_ids: string[];
      notes: string | null;
    }>(
      `SELECT l.item_id, l.quantity, l.modifier_option_ids, l.notes FROM cart_lines l JOIN carts c ON c.id = l.cart_id
       WHERE l.id = $1 AND c.user_id = $2 AND c.location_id = $3`,
      [lineId, userId, locationId],
    );
    const row = rows[0];
    if (!row) throw new AppError('not_found', 'Cart line not found');
    return row;
  }

  private async ensureCart(
    tx: Queryable,
    userId: string,
    locationId: string,
    businessId: string,
  ): Promise<string> {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO carts (id, business_id, location_id, user_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, location_id) DO UPDATE SET updated_at = now() RETURNING id`,
      [randomUUID(), businessId, locationId, userId],
    );
    const row = rows[0];
    if (!row) throw new Error('cart upsert returned no row');
    return row.id;
  }
}
