import type { ActorRole } from '../../auth/principal.js';
import { AppError } from '../../errors/app-error.js';
import {
  ItemStatusBody,
  KitchenStats,
  KitchenStatsQuery,
  LocationParams,
  PriorityBody,
  StationList,
  TicketHistoryPage,
  TicketHistoryQuery,
  TicketItemParams,
  TicketList,
  TicketListQuery,
  TicketMoveBody,
  TicketParams,
  TicketView,
} from '../../schemas/kitchen.js';
import { kitchenStats } from '../../services/kitchen/kitchen-stats.js';
import {
  bumpTicket,
  recallTicket,
  setItemStatus,
  setTicketPriority,
} from '../../services/kitchen/ticket-actions.js';
import {
  getTicket,
  type KitchenScope,
  listStations,
  listTickets,
  ticketHistory,
} from '../../services/kitchen/ticket-queries.js';
import { requirePrincipal } from '../access.js';
import type { AppContext } from '../app.js';
import type { BrigadeApp } from '../brigade-app.js';

/** Kitchen staff of the location, its managers and owners (platform admins always pass). */
const KITCHEN_ROLES: readonly ActorRole[] = ['owner', 'manager', 'kitchen'];
const BASE = '/api/v1/locations/:locationId/kitchen';

export function kitchenRoutes(app: BrigadeApp, context: AppContext): void {
  const deps = { db: context.db, now: context.now };
  const tags = ['kitchen'];
  const security = [{ bearer: [] }];
  const access = { locationParam: 'locationId', roles: KITCHEN_ROLES };
  const scopeOf = (request: {
    tenantBusinessId: string | undefined;
    params: { locationId: string };
  }): KitchenScope => {
    if (!request.tenantBusinessId) throw new AppError('forbidden');
    return { businessId: request.tenantBusinessId, locationId: request.params.locationId };
  };

  app.get(
    `${BASE}/tickets`,
    {
      config: { access },
      schema: {
        tags,
        security,
        summary:
          "The kitchen screen: the location's tickets, highest priority first, then earliest target time",
        description: 'Without status, only active tickets (pending, preparing, ready) unless active=false.',
        params: LocationParams,
        querystring: TicketListQuery,
        response: { 200: TicketList },
      },
    },
    async (request) => listTickets(context.db, scopeOf(request), request.query, context.now()),
  );

  app.get(
    `${BASE}/tickets/:ticketId`,
    {
      config: { access },
      schema: {
        tags,
        security,
        summary: 'One ticket with its items',
        params: TicketParams,
        response: { 200: TicketView },
      },
    },
    async (request) => getTicket(context.db, scopeOf(request), request.params.ticketId, context.now()),
  );

  app.post(
    `${BASE}/tickets/:ticketId/bump`,
    {
      config: { access },
      schema: {
        tags,
        security,
        summary: 'Advance the ticket one step: pending → preparing → ready → served',
        description:
          'Send {"from": <status shown>} to refuse the bump (409 kitchen_ticket_changed) if another cook moved the ticket first.',
        params: TicketParams,
        body: TicketMoveBody,
        response: { 200: TicketView },
      },
    },
    async (request) =>
      bumpTicket(
        deps,
        requirePrincipal(request),
        scopeOf(request),
        request.params.ticketId,
        request.body?.from,
      ),
  );

  app.post(
    `${BASE}/tickets/:ticketId/recall`,
    {
      config: { access },
      schema: {
        tags,
        security,
        summary: 'Bring a bumped ticket back one step: served → ready, ready → preparing',
        params: TicketParams,
        body: TicketMoveBody,
        response: { 200: TicketView },
      },
    },
    async (request) =>
      recallTicket(
        deps,
        requirePrincipal(request),
        scopeOf(request),
        request.params.ticketId,
        request.body?.from,
      ),
  );

  app.post(
    `${BASE}/tickets/:ticketId/items/:itemId/status`,
    {
      config: { access },
      schema: {
        tags,
        security,
        summary: "Move one item one step forward; the ticket's status follows its items",
        params: TicketItemParams,
        body: ItemStatusBody,
        response: { 200: TicketView },
      },
    },
    async (request) =>
      setItemStatus(
        deps,
        requirePrincipal(request),
        scopeOf(request),
        request.params.ticketId,
        request.params.itemId,
        request.body.status,
      ),
  );

  app.put(
    `${BASE}/tickets/:ticketId/priority`,
    {
      config: { access },
      schema: {
        tags,
        security,
        summary: "Change an active ticket's priority (0 to 10, highest first on the screen)",
        params: TicketParams,
        body: PriorityBody,
        response: { 200: TicketView },
      },
    },
    async (request) =>
      setTicketPriority(deps, scopeOf(request), request.params.ticketId, request.body.priority),
  );

  app.get(
    `${BASE}/stations`,
    {
      config: { access },
      schema: {
        tags,
        security,
        summary: "The location's stations with their active ticket counts",
        params: LocationParams,
        response: { 200: StationList },
      },
    },
    async (request) => listStations(context.db, scopeOf(request), context.now()),
  );

  app.get(
    `${BASE}/history`,
    {
      config: { access },
      schema: {
        tags,
        security,
        summary: 'Every ticket the location had (created in [from, to)), newest first, paged',
        params: LocationParams,
        querystring: TicketHistoryQuery,
        response: { 200: TicketHistoryPage },
      },
    },
    async (request) => ticketHistory(context.db, scopeOf(request), request.query, context.now()),
  );

  app.get(
    `${BASE}/stats`,
    {
      config: { access },
      schema: {
        tags,
        security,
        summary:
          'Prep-time figures per station for tickets that became ready in [from, to) (default: last 24 h)',
        params: LocationParams,
        querystring: KitchenStatsQuery,
        response: { 200: KitchenStats },
      },
    },
    async (request) => kitchenStats(context.db, scopeOf(request), request.query, context.now()),
  );
}
