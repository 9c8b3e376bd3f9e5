import { Type } from '@sinclair/typebox';
import {
  CreateOfferBody,
  OfferItemParams,
  OfferView,
  UpdateOfferBody,
} from '../../../schemas/admin/offer.js';
import { ListOf, PageQuery } from '../../../schemas/admin/pagination.js';
import { BusinessParams } from '../../../schemas/common.js';
import { OfferService } from '../../../services/admin/offer-service.js';
import type { AppContext } from '../../app.js';
import type { BrigadeApp } from '../../brigade-app.js';
import { ADMIN_WRITERS } from './admin-roles.js';

export function offerRoutes(app: BrigadeApp, context: AppContext): void {
  const service = new OfferService(context.db, context.now);
  const tags = ['admin: offers'];
  const security = [{ bearer: [] }];
  const base = '/api/v1/businesses/:businessId/offers';

  app.post(
    base,
    {
      config: { access: { businessParam: 'businessId', roles: ADMIN_WRITERS } },
      schema: {
        tags,
        security,
        summary: 'Create an offer or promo code',
        params: BusinessParams,
        body: CreateOfferBody,
        response: { 201: OfferView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.create(request.params.businessId, request.body)),
  );

  app.get(
    base,
    {
      config: { access: { businessParam: 'businessId', roles: ADMIN_WRITERS } },
      schema: {
        tags,
        security,
        summary: "The business's offers and promo codes",
        params: BusinessParams,
        querystring: Type.Object(PageQuery),
        response: { 200: ListOf(OfferView) },
      },
    },
    async (request) => service.list(request.params.businessId, request.query),
  );

  app.get(
    `${base}/:offerId`,
    {
      config: { access: { businessParam: 'businessId', roles: ADMIN_WRITERS } },
      schema: { tags, security, summary: 'One offer', params: OfferItemParams, response: { 200: OfferView } },
    },
    async (request) => service.get(request.params.businessId, request.params.offerId),
  );

  app.patch(
    `${base}/:offerId`,
    {
      config: { access: { businessParam: 'businessId', roles: ADMIN_WRITERS } },
      schema: {
        tags,
        security,
        summary: 'Change an offer',
        params: OfferItemParams,
        body: UpdateOfferBody,
        response: { 200: OfferView },
      },
    },
    async (request) => service.update(request.params.businessId, request.params.offerId, request.body),
  );

  app.delete(
    `${base}/:offerId`,
    {
      config: { access: { businessParam: 'businessId', roles: ADMIN_WRITERS } },
      schema: {
        tags,
        security,
        summary: 'Delete an offer (orders keep what they were charged)',
        params: OfferItemParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await service.delete(request.params.businessId, request.params.offerId);
      return reply.status(204).send(null);
    },
  );
}
