import type { EventType } from '../events/catalog.js';
import type { IngestIds } from './ingest-ids.js';

/**
 * A Brigade event a mapper made from foreign events: everything but its place in the order's history
 * (the ingest numbers it) and the envelope fields the context fixes (business, location, order).
 */
export interface EventDraft {
  id: string;
  type: EventType;
  occurredAt: string;
  payload: unknown;
}

/** A location of the ingesting business, as mappers need it. */
export interface IngestLocation {
  id: string;
  code: string;
  currency: string;
  timeZone: string;
}

/** What a mapper knows besides the foreign event and the order's history. */
export interface MappingContext {
  ids: IngestIds;
  location: IngestLocation;
  /** Brigade's id for the event's order. */
  orderId: string;
  /** Brigade's id for the foreign event: the id of the first event it maps to. */
  eventId: string;
}
