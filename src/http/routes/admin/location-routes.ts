import { Type } from '@sinclair/typebox';
import {
  CreateLocationBody,
  LocationItemParams,
  LocationView,
  UpdateLocationBody,
} from '../../../schemas/admin/location.js';
import { ListOf, PageQuery } from '../../../schemas/admin/pagination.js';
import { BusinessParams } from '../../../schemas/common.js';
import { LocationService } from '../../../services/admin/location-service.js';
import type { AppContext } from '../../app.js';
import type { BrigadeApp } from '../../brigade-app.js';
import { ADMIN_READERS, ADMIN_WRITERS, OWNERS } from './admin-roles.js';

export function locationRoutes(app: BrigadeApp, context: AppContext): void {
  const locations = new LocationService(context.db, context.now);
  const tags = ['admin: locations'];
  const security = [{ bearer: [] }];
  const base = '/api/v1/businesses/:businessId/locations';

  app.post(
    base,
    {
      config: { access: { businessParam: 'businessId', roles: OWNERS } },
      schema: {
        tags,
        security,
        summary: 'Open a new location (owners)',
        params: BusinessParams,
        body: CreateLocationBody,
        response: { 201: LocationView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await locations.create(request.params.businessId, request.body)),
  );

  app.get(
    base,
    {
      config: { access: { businessParam: 'businessId', roles: ADMIN_READERS } },
      schema: {
        tags,
        security,
        summary: "The business's locations",
        params: BusinessParams,
        querystring: Type.Object(PageQuery),
        response: { 200: ListOf(LocationView) },
      },
    },
    async (request) => locations.list(request.params.businessId, request.query),
  );

  app.get(
    `${base}/:locationId`,
    {
      config: { access: { businessParam: 'businessId', roles: ADMIN_READERS } },
      schema: {
        tags,
        security,
        summary: 'One location',
        params: LocationItemParams,
        response: { 200: LocationView },
      },
    },
    async (request) => locations.get(request.params.businessId, request.params.locationId),
  );

  app.patch(
    `${base}/:locationId`,
    {
      config: { access: { businessParam: 'businessId', roles: ADMIN_WRITERS } },
      schema: {
        tags,
        security,
        summary: 'Change a location; a status change (open, paused, closed) emits location.status_changed',
        params: LocationItemParams,
        body: UpdateLocationBody,
        response: { 200: LocationView },
      },
    },
    async (request) => locations.update(request.params.businessId, request.params.locationId, request.body),
  );

  app.delete(
    `${base}/:locationId`,
    {
      config: { access: { businessParam: 'businessId', roles: OWNERS } },
      schema: {
        tags,
        security,
        summary: 'Delete a location that has no orders (owners)',
        params: LocationItemParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await locations.delete(request.params.businessId, request.params.locationId);
      return reply.status(204).send(null);
    },
  );
}
