import { type TSchema, Type } from '@sinclair/typebox';
import type { ActorRole } from '../../auth/principal.js';
import type { TableMove } from '../../domain/tables/table-moves.js';
import { LocationParams } from '../../schemas/common.js';
import {
  CreateTableBody,
  EmptyBody,
  ReserveBody,
  SeatBody,
  TableList,
  TableListQuery,
  TableParams,
  TableView,
  UpdateTableBody,
} from '../../schemas/tables.js';
import { moveTable } from '../../services/tables/table-actions.js';
import { TableService } from '../../services/tables/table-service.js';
import { MANAGER_ROLES, STAFF_ROLES } from '../access.js';
import type { AppContext } from '../app.js';
import type { BrigadeApp } from '../brigade-app.js';

// Staff covering the location run the floor (read, seat, clear); managers and owners also shape it
// (tables, reservations, maintenance, marking tables available). Platform admins pass every check.
const FLOOR_STAFF: readonly ActorRole[] = [...STAFF_ROLES, 'platform_admin'];
const FLOOR_MANAGERS: readonly ActorRole[] = [...MANAGER_ROLES, 'platform_admin'];

const BASE = '/api/v1/locations/:locationId/tables';

interface ActionRoute<TBody extends TSchema> {
  path: string;
  summary: string;
  roles: readonly ActorRole[];
  body: TBody;
  move: (body: unknown) => TableMove;
}

/** Dining tables of a location: the floor plan (CRUD) and the host stand's status moves. */
export function tableRoutes(app: BrigadeApp, context: AppContext): void {
  const service = new TableService(context.db, context.now);
  const deps = { db: context.db, now: context.now };
  const tags = ['tables'];
  const security = [{ bearer: [] }];
  const access = (roles: readonly ActorRole[]) => ({ locationParam: 'locationId', roles });
  /** Set by the access hook for every location-scoped route. */
  const businessOf = (request: { tenantBusinessId: string | undefined }) => request.tenantBusinessId ?? '';

  app.get(
    BASE,
    {
      config: { access: access(FLOOR_STAFF) },
      schema: {
        tags,
        security,
        summary: "The location's tables in floor-plan order, optionally with one status",
        params: LocationParams,
        querystring: TableListQuery,
        response: { 200: TableList },
      },
    },
    async (request) => ({
      tables: await service.list(businessOf(request), request.params.locationId, request.query),
    }),
  );

  app.get(
    `${BASE}/:tableId`,
    {
      config: { access: access(FLOOR_STAFF) },
      schema: { tags, security, summary: 'One table', params: TableParams, response: { 200: TableView } },
    },
    async (request) => service.get(businessOf(request), request.params.locationId, request.params.tableId),
  );

  app.post(
    BASE,
    {
      config: { access: access(FLOOR_MANAGERS) },
      schema: {
        tags,
        security,
        summary: 'Add a table to the floor plan (managers); it starts available',
        params: LocationParams,
        body: CreateTableBody,
        response: { 201: TableView },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.create(businessOf(request), request.params.locationId, request.body)),
  );

  app.patch(
    `${BASE}/:tableId`,
    {
      config: { access: access(FLOOR_MANAGERS) },
      schema: {
        tags,
        security,
        summary: 'Change number, capacity, section, position or shape (managers)',
        params: TableParams,
        body: UpdateTableBody,
        response: { 200: TableView },
      },
    },
    async (request) =>
      service.update(businessOf(request), request.params.locationId, request.params.tableId, request.body),
  );

  app.delete(
    `${BASE}/:tableId`,
    {
      config: { access: access(FLOOR_MANAGERS) },
      schema: {
        tags,
        security,
        summary: 'Remove a table from the floor plan (managers); refused while it is occupied',
        params: TableParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await service.delete(businessOf(request), request.params.locationId, request.params.tableId);
      return reply.status(204).send(null);
    },
  );

  const actions: ActionRoute<TSchema>[] = [
    {
      path: 'seat',
      summary:
        'Seat a party (at most the capacity), optionally for an order: available or reserved → occupied',
      roles: FLOOR_STAFF,
      body: SeatBody,
      move: (body) => {
        const seat = body as { partySize: number; orderId?: string };
        return { kind: 'seat', partySize: seat.partySize, orderId: seat.orderId ?? null };
      },
    },
    {
      path: 'clear',
      summary: 'The party left: occupied → cleaning',
      roles: FLOOR_STAFF,
      body: EmptyBody,
      move: () => ({ kind: 'clear' }),
    },
    {
      path: 'mark-available',
      summary: 'Cleaned, reservation called off, or repaired: cleaning, reserved or maintenance → available',
      roles: FLOOR_MANAGERS,
      body: EmptyBody,
      move: () => ({ kind: 'mark_available' }),
    },
    {
      path: 'reserve',
      summary: 'Hold the table for an expected party: available → reserved (managers)',
      roles: FLOOR_MANAGERS,
      body: ReserveBody,
      move: (body) => ({
        kind: 'reserve',
        partySize: (body as { partySize?: number } | undefined)?.partySize ?? null,
      }),
    },
    {
      path: 'maintenance',
      summary: 'Take the table out of service: available → maintenance (managers)',
      roles: FLOOR_MANAGERS,
      body: EmptyBody,
      move: () => ({ kind: 'maintenance' }),
    },
  ];
  for (const action of actions) {
    app.post(
      `${BASE}/:tableId/${action.path}`,
      {
        config: { access: access(action.roles) },
        // A move that needs no data may be sent without a body; the schema still refuses unknown fields.
        preValidation: async (request) => {
          request.body ??= {};
        },
        schema: {
          tags,
          security,
          summary: action.summary,
          description:
            'Refused with 409 table_transition_not_allowed when the table status does not allow it.',
          params: TableParams,
          body: action.body,
          response: { 200: TableView },
        },
      },
      async (request) =>
        moveTable(
          deps,
          businessOf(request),
          request.params.locationId,
          request.params.tableId,
          action.move(request.body),
        ),
    );
  }
}
