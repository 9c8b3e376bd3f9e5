import { Type } from '@sinclair/typebox';
import { EVENT_PATTERN } from '../realtime/event-filter.js';
import { StrictObject, Timestamp } from './common.js';

/**
 * Live feeds (docs/realtime.md). Browsers cannot set headers on a WebSocket or an EventSource, so the
 * access token may come as `?access_token=` instead of the Authorization header.
 */
const AccessToken = Type.String({
  minLength: 1,
  maxLength: 4096,
  description: 'the access token, for clients that cannot send an Authorization header',
});

export const FeedQuery = StrictObject({ access_token: Type.Optional(AccessToken) });

/** Last-Event-ID: the last id the client received; -1 asks for everything from the start. */
const LAST_EVENT_ID_PATTERN = '^(-1|[0-9]{1,15})$';

export const StreamQuery = StrictObject({
  access_token: Type.Optional(AccessToken),
  lastEventId: Type.Optional(
    Type.String({
      pattern: LAST_EVENT_ID_PATTERN,
      description: 'same as the Last-Event-ID header, for clients that cannot set it',
    }),
  ),
});

export const StreamHeaders = Type.Object({
  'last-event-id': Type.Optional(
    Type.String({
      pattern: LAST_EVENT_ID_PATTERN,
      description: 'resume after this id (sent by EventSource on reconnect); -1 replays everything',
    }),
  ),
});

/** What a WebSocket client may send. */
export const ClientMessage = Type.Union([
  StrictObject({ type: Type.Literal('ping') }),
  StrictObject({
    type: Type.Literal('subscribe'),
    events: Type.Array(Type.String({ pattern: EVENT_PATTERN, maxLength: 100 }), {
      maxItems: 100,
      description: 'event types, or `prefix.*` wildcards; an empty list means every event of the feed',
    }),
  }),
]);

/** Every message the server sends on a WebSocket feed. */
export const FeedMessageSchema = Type.Object({
  event: Type.String({ description: 'the event type, or pong, subscribed, error, metrics.updated' }),
  timestamp: Timestamp,
  data: Type.Unknown({ description: 'for bus events, the event envelope (docs/events.md)' }),
});
