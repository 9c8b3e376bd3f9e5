import { Type } from '@sinclair/typebox';
import {
  CategoryItemParams,
  CategoryQuery,
  CategoryView,
  CreateCategoryBody,
  UpdateCategoryBody,
} from '../../../schemas/admin/category.js';
import { ListOf } from '../../../schemas/admin/pagination.js';
import { BusinessParams } from '../../../schemas/common.js';
import { CategoryService } from '../../../services/admin/category-service.js';
import type { AppContext } from '../../app.js';
import type { BrigadeApp } from '../../brigade-app.js';
import { ADMIN_READERS, ADMIN_WRITERS } from './admin-roles.js';

export function categoryRoutes(app: BrigadeApp, context: AppContext): void {
  const service = new CategoryService(context.db, context.now);
  const tags = ['admin: menus'];
  const security = [{ bearer: [] }];
  const base = '/api/v1/businesses/:businessId/menu/categories';

  app.post(
    base,
    {
      config: { access: { businessParam: 'businessId', roles: ADMIN_WRITERS } },
      schema: {
        tags,
        security,
        summary: 'Create a menu category (optionally nested)',
        params: BusinessParams,
        body: CreateCategoryBody,
        response: { 201: CategoryView },
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
        summary: 'Menu categories, optionally of one menu',
        params: BusinessParams,
        querystring: CategoryQuery,
        response: { 200: ListOf(CategoryView) },
      },
    },
    async (request) => service.list(request.params.businessId, request.query),
  );

  app.get(
    `${base}/:categoryId`,
    {
      config: { access: { businessParam: 'businessId', roles: ADMIN_READERS } },
      schema: {
        tags,
        security,
        summary: 'One menu category',
        params: CategoryItemParams,
        response: { 200: CategoryView },
      },
    },
    async (request) => service.get(request.params.businessId, request.params.categoryId),
  );

  app.patch(
    `${base}/:categoryId`,
    {
      config: { access: { businessParam: 'businessId', roles: ADMIN_WRITERS } },
      schema: {
        tags,
        security,
        summary: 'Change a menu category',
        params: CategoryItemParams,
        body: UpdateCategoryBody,
        response: { 200: CategoryView },
      },
    },
    async (request) => service.update(request.params.businessId, request.params.categoryId, request.body),
  );

  app.delete(
    `${base}/:categoryId`,
    {
      config: { access: { businessParam: 'businessId', roles: ADMIN_WRITERS } },
      schema: {
        tags,
        security,
        summary: 'Delete a category with its subcategories and items',
        params: CategoryItemParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await service.delete(request.params.businessId, request.params.categoryId);
      return reply.status(204).send(null);
    },
  );
}
