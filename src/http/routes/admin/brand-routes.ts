import { Type } from '@sinclair/typebox';
import {
  BrandItemParams,
  BrandView,
  CreateBrandBody,
  UpdateBrandBody,
} from '../../../schemas/admin/brand.js';
import { ListOf, PageQuery } from '../../../schemas/admin/pagination.js';
import { BusinessParams } from '../../../schemas/common.js';
import { BrandService } from '../../../services/admin/brand-service.js';
import type { AppContext } from '../../app.js';
import type { BrigadeApp } from '../../brigade-app.js';
import { ADMIN_READERS, ADMIN_WRITERS } from './admin-roles.js';

export function brandRoutes(app: BrigadeApp, context: AppContext): void {
  const service = new BrandService(context.db, context.now);
  const tags = ['admin: brands'];
  const security = [{ bearer: [] }];
  const base = '/api/v1/businesses/:businessId/brands';

  app.post(
    base,
    {
      config: { access: { businessParam: 'businessId', roles: ADMIN_WRITERS } },
      schema: {
        tags,
        security,
        summary: 'Create a brand and say where it is served',
        params: BusinessParams,
        body: CreateBrandBody,
        response: { 201: BrandView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.create(request.params.businessId, request.body)),
  );

  app.get(
    base,
    {
      config: { access: { businessParam: 'businessId', roles: ADMIN_READERS } },
      schema: {
        tags,
        security,
        summary: "The business's brands",
        params: BusinessParams,
        querystring: Type.Object(PageQuery),
        response: { 200: ListOf(BrandView) },
      },
    },
    async (request) => service.list(request.params.businessId, request.query),
  );

  app.get(
    `${base}/:brandId`,
    {
      config: { access: { businessParam: 'businessId', roles: ADMIN_READERS } },
      schema: { tags, security, summary: 'One brand', params: BrandItemParams, response: { 200: BrandView } },
    },
    async (request) => service.get(request.params.businessId, request.params.brandId),
  );

  app.patch(
    `${base}/:brandId`,
    {
      config: { access: { businessParam: 'businessId', roles: ADMIN_WRITERS } },
      schema: {
        tags,
        security,
        summary: 'Change a brand; locationIds replaces where it is served',
        params: BrandItemParams,
        body: UpdateBrandBody,
        response: { 200: BrandView },
      },
    },
    async (request) => service.update(request.params.businessId, request.params.brandId, request.body),
  );

  app.delete(
    `${base}/:brandId`,
    {
      config: { access: { businessParam: 'businessId', roles: ADMIN_WRITERS } },
      schema: {
        tags,
        security,
        summary: 'Delete a brand (with its menus) that has no orders',
        params: BrandItemParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await service.delete(request.params.businessId, request.params.brandId);
      return reply.status(204).send(null);
    },
  );
}
