import type { AppContext } from '../../app.js';
import type { BrigadeApp } from '../../brigade-app.js';
import { brandRoutes } from './brand-routes.js';
import { businessRoutes } from './business-routes.js';
import { categoryRoutes } from './category-routes.js';
import { itemRoutes } from './item-routes.js';
import { locationRoutes } from './location-routes.js';
import { membershipRoutes } from './membership-routes.js';
import { menuRoutes } from './menu-routes.js';
import { modifierGroupRoutes } from './modifier-group-routes.js';
import { offerRoutes } from './offer-routes.js';

/** Administration API, scoped by business: /api/v1/businesses and everything under a business. */
export function adminRoutes(app: BrigadeApp, context: AppContext): void {
  businessRoutes(app, context);
  locationRoutes(app, context);
  brandRoutes(app, context);
  menuRoutes(app, context);
  categoryRoutes(app, context);
  itemRoutes(app, context);
  modifierGroupRoutes(app, context);
  offerRoutes(app, context);
  membershipRoutes(app, context);
}
