import {
  CreateOfferBody,
  OfferItemParams,
  OfferView,
  UpdateOfferBody,
} from '../../../schemas/admin/offer.js';
import { OfferService } from '../../../services/admin/offer-service.js';
import type { AppContext } from '../../app.js';
import type { BrigadeApp } from '../../brigade-app.js';
import { ADMIN_WRITERS } from './admin-roles.js';
import { registerCrudRoutes } from './crud-routes.js';

export function offerRoutes(app: BrigadeApp, context: AppContext): void {
  registerCrudRoutes(app, {
    basePath: '/api/v1/businesses/:businessId/offers',
    idParam: 'offerId',
    tags: ['admin: offers'],
    schemas: {
      view: OfferView,
      create: CreateOfferBody,
      update: UpdateOfferBody,
      itemParams: OfferItemParams,
    },
    // Unlike the menu, offers are hidden from staff: reading them takes a writer's role.
    access: { read: ADMIN_WRITERS, write: ADMIN_WRITERS },
    summaries: {
      create: 'Create an offer or promo code',
      list: "The business's offers and promo codes",
      get: 'One offer',
      update: 'Change an offer',
      delete: 'Delete an offer (orders keep what they were charged)',
    },
    service: new OfferService(context.db, context.now),
  });
}
