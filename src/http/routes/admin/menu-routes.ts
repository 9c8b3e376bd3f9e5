import { Type } from '@sinclair/typebox';
import {
  CreateMenuBody,
  MenuItemParams,
  MenuTreeView,
  MenuView,
  UpdateMenuBody,
} from '../../../schemas/admin/menu.js';
import { ListOf, PageQuery } from '../../../schemas/admin/pagination.js';
import { BusinessParams } from '../../../schemas/common.js';
import { MenuService } from '../../../services/admin/menu-service.js';
import type { AppContext } from '../../app.js';
import type { BrigadeApp } from '../../brigade-app.js';
import { ADMIN_READERS, ADMIN_WRITERS } from './admin-roles.js';

export function menuRoutes(app: BrigadeApp, context: AppContext): void {
  const service = new MenuService(context.db, context.now);
  const tags = ['admin: menus'];
  const security = [{ bearer: [] }];
  const base = '/api/v1/businesses/:businessId/menus';

  app.post(
    base,
    {
      config: { access: { businessParam: 'businessId', roles: ADMIN_WRITERS } },
      schema: {
        tags,
        security,
        summary: 'Create a menu for a brand',
        params: BusinessParams,
        body: CreateMenuBody,
        response: { 201: MenuView },
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
        summary: "The business's menus",
        params: BusinessParams,
        querystring: Type.Object(PageQuery),
        response: { 200: ListOf(MenuView) },
      },
    },
    async (request) => service.list(request.params.businessId, request.query),
  );

  app.get(
    `${base}/:menuId`,
    {
      config: { access: { businessParam: 'businessId', roles: ADMIN_READERS } },
      schema: {
        tags,
        security,
        summary: 'One menu as a tree: categories, items, modifier groups',
        params: MenuItemParams,
        response: { 200: MenuTreeView },
      },
    },
    async (request) => service.tree(request.params.businessId, request.params.menuId),
  );

  app.patch(
    `${base}/:menuId`,
    {
      config: { access: { businessParam: 'businessId', roles: ADMIN_WRITERS } },
      schema: {
        tags,
        security,
        summary: 'Change a menu',
        params: MenuItemParams,
        body: UpdateMenuBody,
        response: { 200: MenuView },
      },
    },
    async (request) => service.update(request.params.businessId, request.params.menuId, request.body),
  );

  app.delete(
    `${base}/:menuId`,
    {
      config: { access: { businessParam: 'businessId', roles: ADMIN_WRITERS } },
      schema: {
        tags,
        security,
        summary: 'Delete a menu with its categories and items (none ever ordered)',
        params: MenuItemParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await service.delete(request.params.businessId, request.params.menuId);
      return reply.status(204).send(null);
    },
  );
}
