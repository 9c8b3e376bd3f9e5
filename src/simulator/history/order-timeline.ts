import type { EventType } from '../../domain/events/catalog.js';
import type { EventEnvelope } from '../../domain/events/envelope.js';
import { payloadProblems } from '../../domain/events/payload-check.js';
import { uuidV5 } from '../../domain/ingest/uuid-v5.js';
import { decideTransition, type LifecycleActor } from '../../domain/orders/order-lifecycle.js';
import type { OrderStatus, ServiceType } from '../../domain/orders/order-status.js';
import { isoTime } from './iso-time.js';

/**
 * The namespace of the ids the backfill derives (RFC 9562 name-based UUIDs). Fixed: the same planned
 * order always gets the same ids, so a backfill run again, or resumed after a crash, appends nothing
 * twice (the outbox skips an event id it has).
 */
const HISTORY_NAMESPACE = 'c9a1f0d2-3b7e-4c55-9e8a-6d2f41b07a13';

/**
 * One order's events as the platform would have written them: numbered 0, 1, 2 … like an order's
 * outbox rows, each checked against the event catalog, and every status change checked against the
 * order lifecycle, so written history can only hold what the API could have produced. Throws on a
 * broken event: that is a bug in the backfill, never data to keep.
 */
export class OrderTimeline {
  readonly orderId: string;
  readonly events: EventEnvelope[] = [];
  /** Each event's occurred_at as epoch milliseconds (whole, as Date keeps it), for sorting by number. */
  readonly times: number[] = [];
  private status: OrderStatus = 'placed';

  /** The order id's last four bytes as a number. */
  private readonly tail: number;
  private readonly named = new Map<string, string>();
  private ids = 0;

  constructor(
    private readonly scope: { businessId: string; locationId: string; serviceType: ServiceType },
    orderKey: string,
  ) {
    this.orderId = uuidV5(`order/${orderKey}`, HISTORY_NAMESPACE);
    this.tail = Number.parseInt(this.orderId.slice(28), 16);
  }

  /**
   * A stable id for something of this order (a line, a payment, a ticket), by what it is: the order's
   * id with the n-th name's number XORed into its last four bytes. One hash per order instead of one
   * per id (a year of history is tens of millions of ids); unique within the order by construction,
   * and across orders as the 90 leading bits of their name-based ids are.
   */
  id(what: string): string {
    let id = this.named.get(what);
    if (id === undefined) {
      id = this.nextId();
      this.named.set(what, id);
    }
    return id;
  }

  /** The next id of the order's numbering (an event's own id: each is asked for once, in add). */
  private nextId(): string {
    this.ids += 1;
    return this.orderId.slice(0, 28) + ((this.tail ^ this.ids) >>> 0).toString(16).padStart(8, '0');
  }

  add<T extends EventType>(type: T, at: number, payload: Record<string, unknown>): void {
    const problems = payloadProblems(type, payload);
    if (problems.length > 0) throw new Error(`backfill built a broken ${type}: ${problems.join('; ')}`);
    const sequence = this.events.length;
    this.events.push({
      event_id: this.nextId(),
      event_type: type,
      version: 1,
      occurred_at: isoTime(at),
      business_id: this.scope.businessId,
      location_id: this.scope.locationId,
      order_id: this.orderId,
      sequence,
      payload,
    });
    this.times.push(Math.trunc(at));
  }

  /**
   * A lifecycle step: refused steps throw, exactly as the order service would refuse them. The refund
   * service decides as 'system' (only it may refund) while the event names the person who asked.
   */
  move(
    type: 'order.confirmed' | 'order.status_changed' | 'order.cancelled' | 'order.refunded',
    to: OrderStatus,
    at: number,
    actor: { role: LifecycleActor; userId: string | null },
    extra: Record<string, unknown> = {},
    decidedAs: LifecycleActor = actor.role,
  ): void {
    const decision = decideTransition({
      from: this.status,
      to,
      serviceType: this.scope.serviceType,
      actor: decidedAs,
    });
    if (!decision.ok) throw new Error(`backfill order ${this.orderId}: ${decision.message}`);
    this.add(type, at, {
      from: this.status,
      to,
      actor: { user_id: actor.userId, role: actor.role },
      ...extra,
    });
    this.status = to;
  }

  get current(): OrderStatus {
    return this.status;
  }
}
