import type { AppContext } from '../app.js';
import type { BrigadeApp } from '../brigade-app.js';
import { adminRoutes } from './admin/index.js';
import { analyticsRoutes } from './analytics-routes.js';
import { authRoutes } from './auth-routes.js';
import { businessEventRoutes } from './business-event-routes.js';
import { cartRoutes } from './cart-routes.js';
import { deliveryRoutes } from './delivery-routes.js';
import { healthRoutes } from './health-routes.js';
import { ingestRoutes } from './ingest-routes.js';
import { kitchenRoutes } from './kitchen-routes.js';
import { liveMetricsRoutes } from './live-metrics-routes.js';
import { notificationRoutes } from './notification-routes.js';
import { orderItemsRoutes } from './order-items-routes.js';
import { orderRoutes } from './order-routes.js';
import { realtimeRoutes } from './realtime-routes.js';
import { restaurantRoutes } from './restaurant-routes.js';
import { streamRoutes } from './stream-routes.js';
import { tableRoutes } from './table-routes.js';

export async function registerRoutes(app: BrigadeApp, context: AppContext): Promise<void> {
  healthRoutes(app, context);
  authRoutes(app, context);
  restaurantRoutes(app, context);
  cartRoutes(app, context);
  orderRoutes(app, context);
  orderItemsRoutes(app, context);
  deliveryRoutes(app, context);
  adminRoutes(app, context);
  tableRoutes(app, context);
  notificationRoutes(app, context);
  liveMetricsRoutes(app, context);
  kitchenRoutes(app, context);
  streamRoutes(app, context);
  businessEventRoutes(app, context);
  ingestRoutes(app, context);
  if (context.analytics) analyticsRoutes(app, context.analytics);
  await realtimeRoutes(app, context);
}
