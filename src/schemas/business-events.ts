import { Type } from '@sinclair/typebox';
import { ENVELOPE_PROPERTIES, StrictObject } from './common.js';
import { StreamQuery } from './realtime.js';

/**
 * The business event feed (docs/ingestion.md, "Event source"): the business's events in commit order,
 * paged by offset (the outbox log position).
 */
export const MAX_EVENT_PAGE = 5000;

const Offset = Type.Integer({
  minimum: 0,
  maximum: Number.MAX_SAFE_INTEGER,
  description: 'an offset in the feed: events after it are returned (0: from the start)',
});

export const EventPageQuery = StrictObject({
  since: Type.Optional(Offset),
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: MAX_EVENT_PAGE, default: 1000, description: 'events per page' }),
  ),
});

/** The stream's query: the other streams' (access_token, lastEventId), and `since` like the page. */
export const EventStreamQuery = StrictObject({ ...StreamQuery.properties, since: Type.Optional(Offset) });

/** An event as the feed serves it: the envelope (docs/events.md) with its offset first. */
export const LoggedEventSchema = Type.Object({
  offset: Type.Integer({
    description: 'position in the feed (the outbox log position), growing without gaps',
  }),
  ...ENVELOPE_PROPERTIES,
});

export const EventPage = Type.Object({
  events: Type.Array(LoggedEventSchema),
  next_since: Type.Integer({ description: 'pass as `since` for the next page (the last offset returned)' }),
});
