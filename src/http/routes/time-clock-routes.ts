import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { type ActorRole, actorRoleIn } from '../../auth/principal.js';
import { BusinessParams, LocationParams } from '../../schemas/common.js';
import {
  ClockBody,
  CorrectShiftBody,
  OnShiftList,
  ShiftListQuery,
  ShiftParams,
  ShiftView,
  TimesheetQuery,
  TimesheetView,
} from '../../schemas/time-clock.js';
import { type Actor, TimeClockService } from '../../services/staff/time-clock-service.js';
import { timesheetCsv } from '../../services/staff/timesheet-csv.js';
import { readTimesheet } from '../../services/staff/timesheet-report.js';
import { MANAGER_ROLES, requirePrincipal, STAFF_ROLES } from '../access.js';
import type { AppContext } from '../app.js';
import type { BrigadeApp } from '../brigade-app.js';

const STAFF: readonly ActorRole[] = [...STAFF_ROLES, 'platform_admin'];
const MANAGERS: readonly ActorRole[] = [...MANAGER_ROLES, 'platform_admin'];

/** Clocking in and out at a location; the business's shifts, corrections and timesheets (docs/time-clock.md). */
export function timeClockRoutes(app: BrigadeApp, context: AppContext): void {
  const clock = new TimeClockService(context.db, context.now);
  const tags = ['time clock'];
  const security = [{ bearer: [] }];
  const actorOf = (request: FastifyRequest, locationId?: string): Actor => {
    const principal = requirePrincipal(request);
    return { principal, role: actorRoleIn(principal, request.tenantBusinessId ?? '', locationId) };
  };
  const businessOf = (request: FastifyRequest) => request.tenantBusinessId ?? '';
  const atLocation = (roles: readonly ActorRole[]) => ({ locationParam: 'locationId', roles });
  const inBusiness = (roles: readonly ActorRole[]) => ({ businessParam: 'businessId', roles });

  app.post(
    '/api/v1/locations/:locationId/time-clock/clock-in',
    {
      config: { access: atLocation(STAFF) },
      schema: {
        tags,
        security,
        summary: 'Clock in at this location (yourself; owners and managers may name someone)',
        params: LocationParams,
        body: ClockBody,
        response: { 201: ShiftView },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await clock.clockIn(
            actorOf(request, request.params.locationId),
            request.params.locationId,
            businessOf(request),
            request.body.userId,
          ),
        ),
  );

  app.post(
    '/api/v1/businesses/:businessId/time-clock/clock-out',
    {
      config: { access: inBusiness(STAFF) },
      schema: {
        tags,
        security,
        summary:
          'Clock out of the open shift, wherever it began (yourself; owners and managers may name someone)',
        params: BusinessParams,
        body: ClockBody,
        response: { 200: ShiftView },
      },
    },
    async (request) => clock.clockOut(actorOf(request), businessOf(request), request.body.userId),
  );

  app.get(
    '/api/v1/locations/:locationId/time-clock/on-shift',
    {
      config: { access: atLocation(STAFF) },
      schema: {
        tags,
        security,
        summary: 'Who is clocked in at this location now',
        params: LocationParams,
        response: { 200: OnShiftList },
      },
    },
    async (request) => ({ shifts: await clock.onShift(businessOf(request), request.params.locationId) }),
  );

  app.get(
    '/api/v1/businesses/:businessId/time-clock/shifts',
    {
      config: { access: inBusiness(STAFF) },
      schema: {
        tags,
        security,
        summary: "Shifts, newest first: everyone's for owners and managers, your own for staff",
        params: BusinessParams,
        querystring: ShiftListQuery,
        response: { 200: Type.Object({ shifts: Type.Array(ShiftView) }) },
      },
    },
    async (request) => ({ shifts: await clock.list(actorOf(request), businessOf(request), request.query) }),
  );

  app.patch(
    '/api/v1/businesses/:businessId/time-clock/shifts/:shiftId',
    {
      config: { access: inBusiness(MANAGERS) },
      schema: {
        tags,
        security,
        summary: "Correct a shift's clock-in or clock-out (closing an open one), with the reason",
        params: ShiftParams,
        body: CorrectShiftBody,
        response: { 200: ShiftView },
      },
    },
    async (request) =>
      clock.correct(actorOf(request), businessOf(request), request.params.shiftId, request.body),
  );

  app.get(
    '/api/v1/businesses/:businessId/time-clock/timesheet',
    {
      config: { access: inBusiness(MANAGERS) },
      schema: {
        tags,
        security,
        summary: 'Hours (regular and overtime above 8 a day) and pay per person and day, for up to 92 days',
        params: BusinessParams,
        querystring: TimesheetQuery,
        response: {
          200: {
            description: 'The timesheet as JSON, or with ?format=csv one CSV row per person and day',
            content: {
              'application/json': { schema: TimesheetView },
              'text/csv': { schema: { type: 'string' } },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const { format, ...range } = request.query;
      const sheet = await readTimesheet(context.db, businessOf(request), range);
      if (format !== 'csv') return sheet;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="timesheet-${range.from}-to-${range.to}.csv"`)
        .send(timesheetCsv(sheet));
    },
  );
}
