import type { Queryable } from '../storage/database.js';
import { BoundedMap } from './bounded-map.js';

/**
 * Answers whether an order is dine-in, for the tables feed: only `order.placed` says so, later order
 * events do not. The hub remembers the answer from every order.placed it sees and asks the database
 * for orders placed before this process started (only when a tables client is listening).
 */
export class DineInOrders {
  private readonly known: BoundedMap<string, boolean>;

  constructor(
    private readonly db: Queryable | undefined,
    capacity = 50_000,
  ) {
    this.known = new BoundedMap(capacity);
  }

  remember(orderId: string, dineIn: boolean): void {
    this.known.set(orderId, dineIn);
  }

  /** Throws when the database cannot answer; the hub then leaves the event off the tables feed. */
  async isDineIn(orderId: string): Promise<boolean> {
    const known = this.known.get(orderId);
    if (known !== undefined) return known;
    if (!this.db) return false;
    const { rows } = await this.db.query<{ service_type: string }>(
      'SELECT service_type FROM orders WHERE id = $1',
      [orderId],
    );
    const dineIn = rows[0]?.service_type === 'dine_in';
    this.known.set(orderId, dineIn);
    return dineIn;
  }
}
