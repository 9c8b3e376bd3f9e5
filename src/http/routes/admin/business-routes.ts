import { Type } from '@sinclair/typebox';
import { BusinessView, CreateBusinessBody, UpdateBusinessBody } from '../../../schemas/admin/business.js';
import { ListOf, PageQuery } from '../../../schemas/admin/pagination.js';
import { BusinessParams } from '../../../schemas/common.js';
import { BusinessService } from '../../../services/admin/business-service.js';
import { requirePrincipal } from '../../access.js';
import type { AppContext } from '../../app.js';
import type { BrigadeApp } from '../../brigade-app.js';
import { ADMIN_READERS, OWNERS } from './admin-roles.js';

export function businessRoutes(app: BrigadeApp, context: AppContext): void {
  const businesses = new BusinessService(context.db, context.now);
  const tags = ['admin: businesses'];
  const security = [{ bearer: [] }];

  app.post(
    '/api/v1/businesses',
    {
      config: { access: 'platform_admin' },
      schema: {
        tags,
        security,
        summary: 'Create a business, optionally making an existing user its owner',
        body: CreateBusinessBody,
        response: { 201: BusinessView },
      },
    },
    async (request, reply) => reply.status(201).send(await businesses.create(request.body)),
  );

  app.get(
    '/api/v1/businesses',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        security,
        summary: 'Businesses the caller belongs to (platform admins: all)',
        querystring: Type.Object(PageQuery),
        response: { 200: ListOf(BusinessView) },
      },
    },
    async (request) => businesses.list(requirePrincipal(request), request.query),
  );

  app.get(
    '/api/v1/businesses/:businessId',
    {
      config: { access: { businessParam: 'businessId', roles: ADMIN_READERS } },
      schema: {
        tags,
        security,
        summary: 'One business',
        params: BusinessParams,
        response: { 200: BusinessView },
      },
    },
    async (request) => businesses.get(request.params.businessId),
  );

  app.patch(
    '/api/v1/businesses/:businessId',
    {
      config: { access: { businessParam: 'businessId', roles: OWNERS } },
      schema: {
        tags,
        security,
        summary: 'Change a business (owners and platform admins)',
        params: BusinessParams,
        body: UpdateBusinessBody,
        response: { 200: BusinessView },
      },
    },
    async (request) => businesses.update(request.params.businessId, request.body),
  );

  app.delete(
    '/api/v1/businesses/:businessId',
    {
      config: { access: 'platform_admin' },
      schema: {
        tags,
        security,
        summary: 'Delete a business that has no orders (platform admins)',
        params: BusinessParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await businesses.delete(request.params.businessId);
      return reply.status(204).send(null);
    },
  );
}
