import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import websocket from '@fastify/websocket';
import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { type ActorRole, coveredLocationIds } from '../../auth/principal.js';
import { tokenExpiresAtMs } from '../../realtime/connect-auth.js';
import { assertOrderFeedAccess } from '../../realtime/order-feed-access.js';
import type { RealtimeHub } from '../../realtime/realtime-hub.js';
import {
  businessOrdersTopic,
  dashboardTopic,
  kdsTopic,
  locationOrdersTopic,
  orderTopic,
  type Topic,
  tablesTopic,
} from '../../realtime/topics.js';
import { CLOSE_CODES, WebSocketFeedClient } from '../../realtime/websocket-client.js';
import { BusinessParams, LocationParams, OrderParams } from '../../schemas/common.js';
import { FeedQuery } from '../../schemas/realtime.js';
import { MANAGER_ROLES, requirePrincipal, STAFF_ROLES } from '../access.js';
import type { AppContext } from '../app.js';
import type { BrigadeApp } from '../brigade-app.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The process's live-feed hub: its stats() feed /metrics and tests. */
    realtime: RealtimeHub;
  }
}

const KITCHEN_ROLES: readonly ActorRole[] = ['owner', 'manager', 'kitchen'];

/**
 * WebSocket feeds (docs/realtime.md). Authentication and tenant checks run on the upgrade request,
 * through the same access control as every route: a refused client gets the usual problem+json
 * (401, 403 or 404) instead of the 101 upgrade. The WebSocket server lives in its own scope so its
 * hooks touch only these routes.
 */
export async function realtimeRoutes(app: BrigadeApp, context: AppContext): Promise<void> {
  const hub = context.realtime;
  app.decorate('realtime', hub);
  const connect = (
    socket: WebSocket,
    request: FastifyRequest,
    topic: Topic,
    locationIds?: readonly string[] | null,
  ) => {
    const client = new WebSocketFeedClient(topic, socket, request.raw.socket, hub, {
      now: context.now,
      expiresAtMs: tokenExpiresAtMs(request),
      locationIds: locationIds ? new Set(locationIds) : undefined,
    });
    if (!hub.subscribe(client)) socket.close(CLOSE_CODES.goingAway, 'server shutting down');
  };
  const tags = ['realtime'];

  // An upgrade request answered with a plain HTTP response (refused: 401/403/404) keeps a socket the
  // HTTP server no longer tracks once it emitted 'upgrade': end it, or it stays half-open for good and
  // keeps app.close() waiting. Successful upgrades are hijacked and never get here.
  app.addHook('onResponse', async (request) => {
    // Node sets `upgrade` on upgrade requests (not in its type declarations).
    if (!(request.raw as { upgrade?: boolean }).upgrade) return;
    const socket = request.raw.socket;
    if (!socket.destroyed) socket.end(() => socket.destroy());
  });

  await app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<TypeBoxTypeProvider>();
    await scope.register(websocket, {
      options: { maxPayload: hub.limits.maxClientMessageBytes, perMessageDeflate: false },
    });

    scope.get(
      '/api/v1/ws/dashboard/:businessId',
      {
        websocket: true,
        config: { access: { businessParam: 'businessId', roles: MANAGER_ROLES }, queryToken: true },
        schema: { tags, params: BusinessParams, querystring: FeedQuery },
      },
      (socket, request) => connect(socket, request, dashboardTopic(request.params.businessId)),
    );

    scope.get(
      '/api/v1/ws/kds/:locationId',
      {
        websocket: true,
        config: { access: { locationParam: 'locationId', roles: KITCHEN_ROLES }, queryToken: true },
        schema: { tags, params: LocationParams, querystring: FeedQuery },
      },
      (socket, request) => connect(socket, request, kdsTopic(request.params.locationId)),
    );

    scope.get(
      '/api/v1/ws/locations/:locationId/orders',
      {
        websocket: true,
        config: { access: { locationParam: 'locationId', roles: STAFF_ROLES }, queryToken: true },
        schema: { tags, params: LocationParams, querystring: FeedQuery },
      },
      (socket, request) => connect(socket, request, locationOrdersTopic(request.params.locationId)),
    );

    scope.get(
      '/api/v1/ws/businesses/:businessId/orders',
      {
        websocket: true,
        config: { access: { businessParam: 'businessId', roles: STAFF_ROLES }, queryToken: true },
        schema: { tags, params: BusinessParams, querystring: FeedQuery },
      },
      (socket, request) =>
        connect(
          socket,
          request,
          businessOrdersTopic(request.params.businessId),
          coveredLocationIds(requirePrincipal(request), request.params.businessId),
        ),
    );

    scope.get(
      '/api/v1/ws/tables/:locationId',
      {
        websocket: true,
        config: { access: { locationParam: 'locationId', roles: STAFF_ROLES }, queryToken: true },
        schema: { tags, params: LocationParams, querystring: FeedQuery },
      },
      (socket, request) => connect(socket, request, tablesTopic(request.params.locationId)),
    );

    scope.get(
      '/api/v1/ws/orders/:orderId',
      {
        websocket: true,
        config: { access: 'authenticated', queryToken: true },
        schema: { tags, params: OrderParams, querystring: FeedQuery },
        preHandler: async (request) =>
          assertOrderFeedAccess(context.db, requirePrincipal(request), request.params.orderId),
      },
      (socket, request) => connect(socket, request, orderTopic(request.params.orderId)),
    );
  });
}
