import type { AppContext } from '../app.js';
import type { BrigadeApp } from '../brigade-app.js';
import { adminRoutes } from './admin/index.js';
import { authRoutes } from './auth-routes.js';
import { cartRoutes } from './cart-routes.js';
import { healthRoutes } from './health-routes.js';
import { orderRoutes } from './order-routes.js';
import { restaurantRoutes } from './restaurant-routes.js';

export async function registerRoutes(app: BrigadeApp, context: AppContext): Promise<void> {
  healthRoutes(app, context);
  authRoutes(app, context);
  restaurantRoutes(app, context);
  cartRoutes(app, context);
  orderRoutes(app, context);
  adminRoutes(app, context);
}
