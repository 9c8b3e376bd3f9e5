import { Type } from '@sinclair/typebox';
import {
  CreateModifierGroupBody,
  ModifierGroupItemParams,
  ModifierGroupView,
  UpdateModifierGroupBody,
} from '../../../schemas/admin/modifier-group.js';
import { ListOf, PageQuery } from '../../../schemas/admin/pagination.js';
import { BusinessParams } from '../../../schemas/common.js';
import { ModifierGroupService } from '../../../services/admin/modifier-group-service.js';
import type { AppContext } from '../../app.js';
import type { BrigadeApp } from '../../brigade-app.js';
import { ADMIN_READERS, ADMIN_WRITERS } from './admin-roles.js';

export function modifierGroupRoutes(app: BrigadeApp, context: AppContext): void {
  const service = new ModifierGroupService(context.db, context.now);
  const tags = ['admin: menus'];
  const security = [{ bearer: [] }];
  const base = '/api/v1/businesses/:businessId/menu/modifiers';

  app.post(
    base,
    {
      config: { access: { businessParam: 'businessId', roles: ADMIN_WRITERS } },
      schema: {
        tags,
        security,
        summary: 'Create a modifier group with its options',
        params: BusinessParams,
        body: CreateModifierGroupBody,
        response: { 201: ModifierGroupView },
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
        summary: "The business's modifier groups",
        params: BusinessParams,
        querystring: Type.Object(PageQuery),
        response: { 200: ListOf(ModifierGroupView) },
      },
    },
    async (request) => service.list(request.params.businessId, request.query),
  );

  app.get(
    `${base}/:groupId`,
    {
      config: { access: { businessParam: 'businessId', roles: ADMIN_READERS } },
      schema: {
        tags,
        security,
        summary: 'One modifier group with its options',
        params: ModifierGroupItemParams,
        response: { 200: ModifierGroupView },
      },
    },
    async (request) => service.get(request.params.businessId, request.params.groupId),
  );

  app.patch(
    `${base}/:groupId`,
    {
      config: { access: { businessParam: 'businessId', roles: ADMIN_WRITERS } },
      schema: {
        tags,
        security,
        summary: 'Change a modifier group; options sent with an id are kept',
        params: ModifierGroupItemParams,
        body: UpdateModifierGroupBody,
        response: { 200: ModifierGroupView },
      },
    },
    async (request) => service.update(request.params.businessId, request.params.groupId, request.body),
  );

  app.delete(
    `${base}/:groupId`,
    {
      config: { access: { businessParam: 'businessId', roles: ADMIN_WRITERS } },
      schema: {
        tags,
        security,
        summary: 'Delete a modifier group no item uses',
        params: ModifierGroupItemParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await service.delete(request.params.businessId, request.params.groupId);
      return reply.status(204).send(null);
    },
  );
}
