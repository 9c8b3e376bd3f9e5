import { Type } from '@sinclair/typebox';
import { INGEST_REJECTIONS } from '../domain/ingest/ingest-outcome.js';
import { MAX_INGEST_BATCH } from '../services/ingest/ingest-events.js';
import { Nullable, StrictObject, Uuid } from './common.js';

/** POST /api/v1/businesses/{businessId}/ingest/events (docs/ingestion.md, "Ingestion"). */
export const IngestBody = StrictObject({
  events: Type.Array(
    Type.Unknown({
      description:
        "an event in Brigade's envelope, the ghost-kitchen one or the stream-stack one; checked one by one",
    }),
    { minItems: 1, maxItems: MAX_INGEST_BATCH },
  ),
  next_since: Type.Optional(
    Type.Integer({
      description: 'ignored: lets a page of an event feed ({events, next_since}) be posted as it is',
    }),
  ),
});

const RejectCode = Type.Union(Object.keys(INGEST_REJECTIONS).map((code) => Type.Literal(code)));

export const IngestResponse = Type.Object({
  accepted: Type.Integer(),
  duplicates: Type.Integer(),
  rejected: Type.Integer(),
  results: Type.Array(
    Type.Object({
      index: Type.Integer({ description: 'position of the event in the request' }),
      event_id: Nullable(Uuid),
      status: Type.Union([Type.Literal('accepted'), Type.Literal('duplicate'), Type.Literal('rejected')]),
      code: Type.Optional(RejectCode),
      reason: Type.Optional(Type.String()),
      held: Type.Optional(
        Type.Literal(true, {
          description: 'a piece of a stream-stack order, kept until the rest of the order arrives',
        }),
      ),
    }),
  ),
});
