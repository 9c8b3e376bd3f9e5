import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { actorRoleIn } from '../../../auth/principal.js';
import {
  CreateMembershipBody,
  MembershipItemParams,
  MembershipView,
  UpdateMembershipBody,
} from '../../../schemas/admin/membership.js';
import { ListOf, PageQuery } from '../../../schemas/admin/pagination.js';
import { BusinessParams } from '../../../schemas/common.js';
import { MembershipService } from '../../../services/admin/membership-service.js';
import { requirePrincipal } from '../../access.js';
import type { AppContext } from '../../app.js';
import type { BrigadeApp } from '../../brigade-app.js';
import { ADMIN_WRITERS } from './admin-roles.js';

/** The caller's role in the path's business: managers may only manage staff. */
function actorOf(request: FastifyRequest, businessId: string) {
  return actorRoleIn(requirePrincipal(request), businessId);
}

export function membershipRoutes(app: BrigadeApp, context: AppContext): void {
  const memberships = new MembershipService(context.db, context.now, {
    mailer: context.mailer,
    webUrl: context.webUrl,
    onSendError: (error) => app.log.error({ err: error }, 'invitation email not sent'),
  });
  const tags = ['admin: users'];
  const security = [{ bearer: [] }];
  const base = '/api/v1/businesses/:businessId/users';
  const access = { businessParam: 'businessId', roles: ADMIN_WRITERS };

  app.post(
    base,
    {
      config: { access },
      schema: {
        tags,
        security,
        summary: 'Add a user to the business (creating the account when the email is new)',
        params: BusinessParams,
        body: CreateMembershipBody,
        response: { 201: MembershipView },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await memberships.create(
            actorOf(request, request.params.businessId),
            request.params.businessId,
            request.body,
          ),
        ),
  );

  app.get(
    base,
    {
      config: { access },
      schema: {
        tags,
        security,
        summary: "The business's owners, managers and staff",
        params: BusinessParams,
        querystring: Type.Object(PageQuery),
        response: { 200: ListOf(MembershipView) },
      },
    },
    async (request) => memberships.list(request.params.businessId, request.query),
  );

  app.get(
    `${base}/:userId`,
    {
      config: { access },
      schema: {
        tags,
        security,
        summary: 'One member',
        params: MembershipItemParams,
        response: { 200: MembershipView },
      },
    },
    async (request) => memberships.get(request.params.businessId, request.params.userId),
  );

  app.patch(
    `${base}/:userId`,
    {
      config: { access },
      schema: {
        tags,
        security,
        summary: "Change a member's role, position or locations",
        params: MembershipItemParams,
        body: UpdateMembershipBody,
        response: { 200: MembershipView },
      },
    },
    async (request) =>
      memberships.update(
        actorOf(request, request.params.businessId),
        request.params.businessId,
        request.params.userId,
        request.body,
      ),
  );

  app.delete(
    `${base}/:userId`,
    {
      config: { access },
      schema: {
        tags,
        security,
        summary: 'Remove a member from the business (the user account stays)',
        params: MembershipItemParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await memberships.delete(
        actorOf(request, request.params.businessId),
        request.params.businessId,
        request.params.userId,
      );
      return reply.status(204).send(null);
    },
  );
}
