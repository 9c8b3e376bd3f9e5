/**
 * Why an ingested event was refused: a stable code (clients branch on it) and a reason for people.
 * Each is documented in docs/ingestion.md, "Rejections".
 */
export const INGEST_REJECTIONS = {
  unknown_format: 'Not an event in any envelope Brigade reads (Brigade, ghost-kitchen or stream-stack).',
  invalid_event:
    'The envelope or its payload breaks its schema, or the mapped Brigade event breaks the catalog.',
  unsupported_type: 'An event type Brigade does not ingest (see "What is not ingested").',
  other_business: 'The event belongs to another business: its business_id, its order or its driver.',
  unknown_location: 'The location is not one of this business (unknown code, or another business’s id).',
  event_id_taken: 'Another business already has an event with this event_id.',
  brigade_order: 'The order was placed in Brigade: only Brigade writes its events.',
  sequence_taken: 'Another event of the order already has this sequence.',
  order_unknown: 'A step of an order whose creation has not been ingested (yet).',
  out_of_order: 'A step before the one it follows, a step the order already had, or a second creation.',
  order_mismatch: 'A piece that does not fit its order: another location, or money that does not add up.',
} as const;

export type IngestRejectCode = keyof typeof INGEST_REJECTIONS;

export interface IngestRejection {
  code: IngestRejectCode;
  reason: string;
}

export const reject = (code: IngestRejectCode, reason: string): IngestRejection => ({ code, reason });

export type IngestStatus = 'accepted' | 'duplicate' | 'rejected';

/** The answer for one event of a batch. */
export interface IngestItemResult {
  index: number;
  /** Brigade's id for the event (its own, or the one derived from the foreign id); null if unreadable. */
  event_id: string | null;
  status: IngestStatus;
  code?: IngestRejectCode;
  reason?: string;
  /** Accepted but not in the log yet: a piece of a stream-stack order that is not complete. */
  held?: true;
}
