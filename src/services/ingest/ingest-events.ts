import { EVENT_CATALOG } from '../../domain/events/catalog.js';
import type { EventEnvelope } from '../../domain/events/envelope.js';
import { parseEnvelope } from '../../domain/events/parse-envelope.js';
import type { EventDraft, IngestLocation, MappingContext } from '../../domain/ingest/event-draft.js';
import { type ForeignEvent, type Recognized, recognizeEvent } from '../../domain/ingest/foreign-envelopes.js';
import { mapGhostKitchenEvent } from '../../domain/ingest/ghost-kitchen-mapping.js';
import { ingestIds } from '../../domain/ingest/ingest-ids.js';
import { type IngestItemResult, type IngestRejection, reject } from '../../domain/ingest/ingest-outcome.js';
import {
  assembleOrder,
  checkPiece,
  type HeldPiece,
  mapFeedback,
  pieceKind,
} from '../../domain/ingest/stream-stack-mapping.js';
import { nulTextPaths } from '../../domain/text/nul-text.js';
import { importEnvelopes } from '../../outbox/outbox-import.js';
import type { Database, Queryable } from '../../storage/database.js';
import {
  type IngestContext,
  loadIngestContext,
  newOrderState,
  type OrderState,
  recordEvent,
} from './ingest-context.js';

/** Most events one request may carry (the schema says so too): one transaction, bounded in size. */
export const MAX_INGEST_BATCH = 1000;

export interface IngestBatchResult {
  accepted: number;
  duplicates: number;
  rejected: number;
  results: IngestItemResult[];
}

/**
 * Ingests a batch of events for one business (docs/ingestion.md): each item in Brigade's envelope or a
 * foreign one is recognised, mapped to Brigade events, checked like Brigade's own and appended to the
 * outbox, from where it travels like any event (bus, consumers, live feeds, lake). One transaction for
 * the batch; every item gets its own answer, and the valid ones are kept whatever the others do.
 */
export async function ingestEvents(
  db: Database,
  businessId: string,
  items: readonly unknown[],
): Promise<IngestBatchResult> {
  const recognized = items.map(recognizeEvent);
  const results = await db.transaction((tx) => new IngestBatch(tx, businessId, recognized).run());
  const count = (status: IngestItemResult['status']) =>
    results.filter((result) => result.status === status).length;
  return {
    accepted: count('accepted'),
    duplicates: count('duplicate'),
    rejected: count('rejected'),
    results,
  };
}

interface PlannedItem {
  eventId: string | null;
  orderId: string | null;
}

class IngestBatch {
  private context!: IngestContext;
  private readonly envelopes: EventEnvelope[] = [];
  private readonly heldRows: (HeldPiece & { orderId: string })[] = [];
  private readonly assembled = new Set<string>();
  /** Accepted stream-stack pieces, by result index: held unless their order was assembled. */
  private readonly heldResults = new Map<number, string>();

  constructor(
    private readonly tx: Queryable,
    private readonly businessId: string,
    private readonly items: readonly Recognized[],
  ) {}

  async run(): Promise<IngestItemResult[]> {
    const plans = this.items.map((item) => this.plan(item));
    this.context = await loadIngestContext(this.tx, this.businessId, {
      eventIds: plans.flatMap((plan) => (plan.eventId ? [plan.eventId] : [])),
      orderIds: plans.flatMap((plan) => (plan.orderId ? [plan.orderId] : [])),
      userIds: this.items.flatMap((item) => {
        const driver = item.ok && item.format === 'brigade' ? driverOf(item.envelope) : undefined;
        return driver ? [driver] : [];
      }),
      categories: this.items.some(
        (item) => item.ok && item.format === 'foreign' && item.event.source === 'stream-stack',
      ),
    });
    const results = this.items.map((item, index): IngestItemResult => {
      const eventId = plans[index]?.eventId ?? null;
      const outcome = this.apply(item, index, eventId);
      return outcome === 'accepted' || outcome === 'duplicate'
        ? { index, event_id: eventId, status: outcome }
        : { index, event_id: eventId, status: 'rejected', code: outcome.code, reason: outcome.reason };
    });
    await this.write(results);
    for (const [index, pieceId] of this.heldResults) {
      const result = results[index];
      if (result?.status === 'accepted' && !this.assembled.has(pieceId)) result.held = true;
    }
    return results;
  }

  /** The Brigade event id and order of an item, before anything is read. */
  private plan(item: Recognized): PlannedItem {
    if (!item.ok) {
      const derived =
        item.source && item.foreignId ? ingestIds(this.businessId, item.source).event(item.foreignId) : null;
      return { eventId: item.eventId ?? derived, orderId: null };
    }
    if (item.format === 'brigade')
      return { eventId: item.envelope.event_id, orderId: item.envelope.order_id };
    const ids = ingestIds(this.businessId, item.event.source);
    return { eventId: ids.event(item.event.id), orderId: ids.order(item.event.order) };
  }

  private apply(
    item: Recognized,
    index: number,
    eventId: string | null,
  ): 'accepted' | 'duplicate' | IngestRejection {
    if (!item.ok) return item.rejection;
    if (!eventId) return reject('invalid_event', 'the event has no id');
    // Another business's event is that, before whether its id is known: the answer must not tell a
    // caller which of another tenant's event ids exist.
    if (item.format === 'brigade' && item.envelope.business_id !== this.businessId) {
      return reject(
        'other_business',
        `business_id ${item.envelope.business_id} is not the business ingesting`,
      );
    }
    const known = this.context.knownIds.get(eventId);
    if (known !== undefined) {
      return known === this.businessId
        ? 'duplicate'
        : reject('event_id_taken', `event ${eventId} belongs to another business`);
    }
    // Valid JSON, but text PostgreSQL cannot store (in the outbox's jsonb): this event, not the batch.
    const nul = nulTextPaths(item.format === 'brigade' ? item.envelope : item.event, 'event', 1)[0];
    if (nul) return reject('invalid_event', `${nul} holds a NUL character (\\u0000), which cannot be stored`);
    const outcome =
      item.format === 'brigade'
        ? this.applyBrigade(item.envelope)
        : this.applyForeign(item.event, eventId, index);
    if (outcome === 'accepted') this.context.knownIds.set(eventId, this.businessId);
    return outcome;
  }

  private orderState(orderId: string): OrderState {
    let state = this.context.orders.get(orderId);
    if (!state) {
      state = newOrderState();
      this.context.orders.set(orderId, state);
    }
    return state;
  }

  /** An event in Brigade's envelope (of this business, apply() saw to it): kept if it fits its order. */
  private applyBrigade(event: EventEnvelope): 'accepted' | IngestRejection {
    if (event.location_id !== null && !this.context.locationsById.has(event.location_id)) {
      return reject('unknown_location', `location ${event.location_id} is not a location of this business`);
    }
    const driver = driverOf(event);
    if (driver && this.context.outsiders.has(driver)) {
      return reject(
        'other_business',
        `driver_user_id ${driver} is a user who is not a member of this business`,
      );
    }
    if (event.order_id === null) {
      this.envelopes.push(event);
      return 'accepted';
    }
    const state = this.orderState(event.order_id);
    const orderProblem = this.orderProblem(state, event.order_id);
    if (orderProblem) return orderProblem;
    if (state.sequences.has(event.sequence)) {
      return reject(
        'sequence_taken',
        `order ${event.order_id} already has an event with sequence ${event.sequence}`,
      );
    }
    this.envelopes.push(event);
    recordEvent(state, event);
    return 'accepted';
  }

  private orderProblem(state: OrderState, orderId: string): IngestRejection | undefined {
    if (state.businessId !== null && state.businessId !== this.businessId) {
      return reject('other_business', `order ${orderId} belongs to another business`);
    }
    if (state.brigadeOrder) {
      return reject(
        'brigade_order',
        `order ${orderId} was placed in Brigade; only Brigade writes its events`,
      );
    }
    return undefined;
  }

  /** An event in a foreign envelope: mapped with its order's history, or held (stream-stack pieces). */
  private applyForeign(event: ForeignEvent, eventId: string, index: number): 'accepted' | IngestRejection {
    const location = this.resolveLocation(event.location);
    if (!location) {
      return reject('unknown_location', `location ${event.location} is not a location of this business`);
    }
    const ids = ingestIds(this.businessId, event.source);
    const orderId = ids.order(event.order);
    const state = this.orderState(orderId);
    const orderProblem = this.orderProblem(state, orderId);
    if (orderProblem) return orderProblem;
    if (state.locationId !== null && state.locationId !== location.id) {
      return reject('order_mismatch', `order ${event.order} is at another location than ${event.location}`);
    }
    const context: MappingContext = { ids, location, orderId, eventId };
    if (event.source === 'ghost-kitchen') {
      return this.appendDrafts(state, context, mapGhostKitchenEvent(event, state.facts, context));
    }
    if (event.type === 'feedback_submitted') {
      return this.appendDrafts(state, context, mapFeedback(event, state.facts, context));
    }
    const kind = pieceKind(event);
    if (!kind)
      return reject('unsupported_type', `stream-stack event_type "${event.type}" has no Brigade mapping`);
    const orderRef = `order ${event.order}`;
    if (state.facts.status !== null) return reject('out_of_order', `${orderRef} is already complete`);
    const piece: HeldPiece = { eventId, piece: kind, locationId: location.id, event };
    const problem = checkPiece(state.held, piece, orderRef);
    if (problem) return problem;
    const pieces = [...state.held, piece];
    const drafts = assembleOrder(pieces, {
      ids,
      location,
      categoryId: (name) => this.context.categories.get(name.trim().toLowerCase()),
    });
    if (drafts) {
      const outcome = this.appendDrafts(state, context, drafts);
      if (outcome !== 'accepted') return outcome;
      for (const held of pieces) this.assembled.add(held.eventId);
      state.held = [];
    } else {
      state.held = pieces;
    }
    state.locationId ??= location.id;
    this.heldRows.push({ ...piece, orderId });
    this.heldResults.set(index, eventId);
    return 'accepted';
  }

  /** A foreign location: one of the business's location codes, or one of its location ids. */
  private resolveLocation(reference: string): IngestLocation | undefined {
    return (
      this.context.locationsByCode.get(reference) ?? this.context.locationsById.get(reference.toLowerCase())
    );
  }

  /**
   * Numbers the drafts after the order's last event, checks each as the bus reader checks any message
   * (envelope and catalog schema), and queues them; all of them or none.
   */
  private appendDrafts(
    state: OrderState,
    context: MappingContext,
    drafts: EventDraft[] | IngestRejection,
  ): 'accepted' | IngestRejection {
    if (!Array.isArray(drafts)) return drafts;
    const envelopes: EventEnvelope[] = [];
    for (const [offset, draft] of drafts.entries()) {
      const candidate = {
        event_id: draft.id,
        event_type: draft.type,
        version: EVENT_CATALOG[draft.type].version,
        occurred_at: draft.occurredAt,
        business_id: this.businessId,
        location_id: context.location.id,
        order_id: context.orderId,
        sequence: state.nextSequence + offset,
        payload: draft.payload,
      };
      const parsed = parseEnvelope(JSON.stringify(candidate));
      if (!parsed.ok) return reject('invalid_event', `mapped to ${draft.type}, which ${parsed.reason}`);
      envelopes.push(parsed.event);
    }
    for (const envelope of envelopes) {
      this.envelopes.push(envelope);
      recordEvent(state, envelope);
    }
    return 'accepted';
  }

  private async write(results: IngestItemResult[]): Promise<void> {
    const written = await importEnvelopes(this.tx, this.envelopes);
    // Events without an order take no lock: one that another request wrote meanwhile is a duplicate.
    const lost = new Set(this.envelopes.map((event) => event.event_id).filter((id) => !written.has(id)));
    for (const result of results) {
      if (result.status === 'accepted' && result.event_id !== null && lost.has(result.event_id)) {
        result.status = 'duplicate';
      }
    }
    if (this.heldRows.length > 0) {
      const params: unknown[] = [];
      const rows = this.heldRows.map((piece, index) => {
        params.push(
          piece.eventId,
          this.businessId,
          piece.orderId,
          piece.piece,
          piece.locationId,
          piece.event.at,
          JSON.stringify(piece.event),
          this.assembled.has(piece.eventId),
        );
        const p = (column: number) => `$${index * 8 + column}`;
        return `(${p(1)}::uuid, ${p(2)}::uuid, 'stream-stack', ${p(3)}::uuid, ${p(4)}, ${p(5)}::uuid, ${p(6)}::timestamptz, ${p(7)}::jsonb,
                 CASE WHEN ${p(8)}::boolean THEN now() END)`;
      });
      await this.tx.query(
        `INSERT INTO ingest_held_events (event_id, business_id, source, order_id, piece, location_id, occurred_at, event, assembled_at)
         VALUES ${rows.join(', ')} ON CONFLICT (event_id) DO NOTHING`,
        params,
      );
    }
    const heldNow = new Set(this.heldRows.map((piece) => piece.eventId));
    const assembledBefore = [...this.assembled].filter((id) => !heldNow.has(id));
    if (assembledBefore.length > 0) {
      await this.tx.query(
        'UPDATE ingest_held_events SET assembled_at = now() WHERE event_id = ANY($1::uuid[]) AND assembled_at IS NULL',
        [assembledBefore],
      );
    }
  }
}

/** The driver a delivery event names (a user the notifications consumer would write to). */
function driverOf(event: EventEnvelope): string | undefined {
  if (!event.event_type.startsWith('delivery.')) return undefined;
  const driver = (event.payload as { driver_user_id?: unknown }).driver_user_id;
  return typeof driver === 'string' ? driver : undefined;
}
