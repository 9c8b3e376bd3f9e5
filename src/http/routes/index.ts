import type { AppContext } from '../app.js';
import type { BrigadeApp } from '../brigade-app.js';
import { authRoutes } from './auth-routes.js';
import { healthRoutes } from './health-routes.js';

export async function registerRoutes(app: BrigadeApp, context: AppContext): Promise<void> {
  healthRoutes(app, context);
  authRoutes(app, context);
}
