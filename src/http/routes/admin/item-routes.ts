import { Type } from '@sinclair/typebox';
import {
  CreateItemBody,
  ItemItemParams,
  ItemQuery,
  ItemView,
  UpdateItemBody,
} from '../../../schemas/admin/item.js';
import { ListOf } from '../../../schemas/admin/pagination.js';
import { BusinessParams } from '../../../schemas/common.js';
import { ItemService } from '../../../services/admin/item-service.js';
import type { AppContext } from '../../app.js';
import type { BrigadeApp } from '../../brigade-app.js';
import { ADMIN_READERS, ADMIN_WRITERS } from './admin-roles.js';

export function itemRoutes(app: BrigadeApp, context: AppContext): void {
  const service = new ItemService(context.db, context.now);
  const tags = ['admin: menus'];
  const security = [{ bearer: [] }];
  const base = '/api/v1/businesses/:businessId/menu/items';

  app.post(
    base,
    {
      config: { access: { businessParam: 'businessId', roles: ADMIN_WRITERS } },
      schema: {
        tags,
        security,
        summary: 'Create a menu item in a category',
        params: BusinessParams,
        body: CreateItemBody,
        response: { 201: ItemView },
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
        summary: 'Menu items, filtered by menu, category or name',
        params: BusinessParams,
        querystring: ItemQuery,
        response: { 200: ListOf(ItemView) },
      },
    },
    async (request) => service.list(request.params.businessId, request.query),
  );

  app.get(
    `${base}/:itemId`,
    {
      config: { access: { businessParam: 'businessId', roles: ADMIN_READERS } },
      schema: {
        tags,
        security,
        summary: 'One menu item',
        params: ItemItemParams,
        response: { 200: ItemView },
      },
    },
    async (request) => service.get(request.params.businessId, request.params.itemId),
  );

  app.patch(
    `${base}/:itemId`,
    {
      config: { access: { businessParam: 'businessId', roles: ADMIN_WRITERS } },
      schema: {
        tags,
        security,
        summary: 'Change a menu item (price, availability, modifier groups, ...)',
        params: ItemItemParams,
        body: UpdateItemBody,
        response: { 200: ItemView },
      },
    },
    async (request) => service.update(request.params.businessId, request.params.itemId, request.body),
  );

  app.delete(
    `${base}/:itemId`,
    {
      config: { access: { businessParam: 'businessId', roles: ADMIN_WRITERS } },
      schema: {
        tags,
        security,
        summary: 'Delete a menu item that was never ordered',
        params: ItemItemParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await service.delete(request.params.businessId, request.params.itemId);
      return reply.status(204).send(null);
    },
  );
}
