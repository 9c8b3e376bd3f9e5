import type { FastifyReply, FastifyRequest } from 'fastify';
import { tokenExpiresAtMs } from '../../realtime/connect-auth.js';
import type { FeedMessage } from '../../realtime/feed-message.js';
import { LogSseFeedClient } from '../../realtime/log-sse-client.js';
import { assertOrderFeedAccess } from '../../realtime/order-feed-access.js';
import { type SseCursor, SseFeedClient } from '../../realtime/sse-client.js';
import { LogOffsetCursor, NotificationCursor, OrderSequenceCursor } from '../../realtime/sse-cursors.js';
import { businessEventsAfter, notificationsAfter, orderEventsAfter } from '../../realtime/stream-replay.js';
import { businessEventsTopic, notificationsTopic, orderTopic, type Topic } from '../../realtime/topics.js';
import { EventStreamQuery } from '../../schemas/business-events.js';
import { BusinessParams, OrderParams } from '../../schemas/common.js';
import { StreamHeaders, StreamQuery } from '../../schemas/realtime.js';
import { MANAGER_ROLES, requirePrincipal } from '../access.js';
import type { AppContext } from '../app.js';
import type { BrigadeApp } from '../brigade-app.js';

const SSE_RESPONSE = {
  200: {
    description: 'A text/event-stream of events (docs/realtime.md, "Server-sent events")',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  },
} as const;

/** Last-Event-ID from the header (what EventSource sends on reconnect) or the query; header first. */
function lastEventId(request: {
  headers: { 'last-event-id'?: string | undefined };
  query: { lastEventId?: string | undefined };
}): number | undefined {
  const raw = request.headers['last-event-id'] ?? request.query.lastEventId;
  return raw === undefined ? undefined : Number(raw);
}

/**
 * Server-sent event streams (docs/realtime.md). Access is checked before the stream opens, so a
 * refused client gets a problem+json answer. A resuming client is subscribed to the hub before its
 * backlog is read, so no event can fall between the two.
 */
export function streamRoutes(app: BrigadeApp, context: AppContext): void {
  const hub = context.realtime;
  const security = [{ bearer: [] }];

  /**
   * Opens the stream and subscribes the client, then runs `start` (replay a backlog, go live). The
   * stream is open by then, so a failure cannot be a problem document: the stream ends; the client
   * resumes with its Last-Event-ID.
   */
  const serve = async (
    request: FastifyRequest,
    reply: FastifyReply,
    client: SseFeedClient,
    start: () => Promise<void>,
  ) => {
    reply.hijack();
    client.open();
    if (!hub.subscribe(client)) {
      client.shutdown();
      return;
    }
    try {
      await start();
    } catch (error) {
      request.log.error({ err: error }, 'stream replay failed');
      client.shutdown();
    }
  };

  const stream = (
    request: FastifyRequest,
    reply: FastifyReply,
    feed: {
      topic: Topic;
      cursor: SseCursor;
      backlog: (() => AsyncGenerator<FeedMessage[]>) | undefined;
    },
  ) => {
    const client = new SseFeedClient(feed.topic, reply.raw, hub, feed.cursor, {
      expiresAtMs: tokenExpiresAtMs(request),
    });
    return serve(request, reply, client, async () => {
      if (feed.backlog) {
        for await (const page of feed.backlog()) {
          await client.replay(page);
          if (client.isClosed) return;
        }
      }
      client.goLive();
    });
  };

  app.get(
    '/api/v1/orders/:orderId/stream',
    {
      config: { access: 'authenticated', queryToken: true },
      schema: {
        tags: ['orders', 'realtime'],
        security,
        summary:
          "The order's events as they happen (server-sent events; its customer, or staff of its business)",
        description:
          'Each event has `id:` = the event sequence, `event:` = its type and `data:` = the envelope. With ' +
          'Last-Event-ID (header, or ?lastEventId=) the events after it are replayed first; -1 replays all.',
        params: OrderParams,
        querystring: StreamQuery,
        headers: StreamHeaders,
        response: SSE_RESPONSE,
      },
    },
    async (request, reply) => {
      const { orderId } = request.params;
      await assertOrderFeedAccess(context.db, requirePrincipal(request), orderId);
      const after = lastEventId(request);
      await stream(request, reply, {
        topic: orderTopic(orderId),
        cursor: new OrderSequenceCursor(after ?? -1),
        backlog:
          after === undefined ? undefined : () => orderEventsAfter(context.db, orderId, after, context.now),
      });
    },
  );

  app.get(
    '/api/v1/businesses/:businessId/events/stream',
    {
      config: { access: { businessParam: 'businessId', roles: MANAGER_ROLES }, queryToken: true },
      schema: {
        tags: ['events', 'realtime'],
        security,
        summary:
          "The business's events as they commit (server-sent events; owners, managers, platform admins)",
        description:
          'Each event has `id:` = its offset, `event:` = its type and `data:` = the envelope with its offset, ' +
          'as GET /api/v1/businesses/{businessId}/events returns it. With Last-Event-ID (header, or ' +
          '?lastEventId=) or ?since= the events after that offset are sent first; without, the stream starts ' +
          'live. Every client gets every event; a client that reads slowly is caught up from the log.',
        params: BusinessParams,
        querystring: EventStreamQuery,
        headers: StreamHeaders,
        response: SSE_RESPONSE,
      },
    },
    async (request, reply) => {
      const { businessId } = request.params;
      const after = lastEventId(request) ?? request.query.since;
      const cursor = new LogOffsetCursor(Math.max(0, after ?? 0));
      const client = new LogSseFeedClient(
        businessEventsTopic(businessId),
        reply.raw,
        hub,
        cursor,
        (offset) => businessEventsAfter(context.db, businessId, offset, context.now),
        { expiresAtMs: tokenExpiresAtMs(request) },
      );
      // Resuming, the log after the offset first (and again whenever the client falls behind).
      await serve(request, reply, client, async () =>
        after === undefined ? client.goLive() : client.catchUp(),
      );
    },
  );

  app.get(
    '/api/v1/notifications/stream',
    {
      config: { access: 'authenticated', queryToken: true },
      schema: {
        tags: ['notifications', 'realtime'],
        security,
        summary: "The caller's in-app notifications as they are created (server-sent events)",
        description:
          'Each event has `id:` = the notification id, `event: notification.created` and `data:` = the ' +
          'notification. With Last-Event-ID (header, or ?lastEventId=) the ones after it are replayed first.',
        querystring: StreamQuery,
        headers: StreamHeaders,
        response: SSE_RESPONSE,
      },
    },
    async (request, reply) => {
      const userId = requirePrincipal(request).userId;
      const after = lastEventId(request);
      await stream(request, reply, {
        topic: notificationsTopic(userId),
        cursor: new NotificationCursor(),
        backlog:
          after === undefined ? undefined : () => notificationsAfter(context.db, userId, after, context.now),
      });
    },
  );
}
