import {
  BrandItemParams,
  BrandView,
  CreateBrandBody,
  UpdateBrandBody,
} from '../../../schemas/admin/brand.js';
import { BrandService } from '../../../services/admin/brand-service.js';
import type { AppContext } from '../../app.js';
import type { BrigadeApp } from '../../brigade-app.js';
import { ADMIN_READERS, ADMIN_WRITERS } from './admin-roles.js';
import { registerCrudRoutes } from './crud-routes.js';

export function brandRoutes(app: BrigadeApp, context: AppContext): void {
  registerCrudRoutes(app, {
    basePath: '/api/v1/businesses/:businessId/brands',
    idParam: 'brandId',
    tags: ['admin: brands'],
    schemas: {
      view: BrandView,
      create: CreateBrandBody,
      update: UpdateBrandBody,
      itemParams: BrandItemParams,
    },
    access: { read: ADMIN_READERS, write: ADMIN_WRITERS },
    summaries: {
      create: 'Create a brand and say where it is served',
      list: "The business's brands",
      get: 'One brand',
      update: 'Change a brand; locationIds replaces where it is served',
      delete: 'Delete a brand (with its menus) that has no orders',
    },
    service: new BrandService(context.db, context.now),
  });
}
