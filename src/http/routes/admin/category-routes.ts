import {
  CategoryItemParams,
  CategoryQuery,
  CategoryView,
  CreateCategoryBody,
  UpdateCategoryBody,
} from '../../../schemas/admin/category.js';
import { CategoryService } from '../../../services/admin/category-service.js';
import type { AppContext } from '../../app.js';
import type { BrigadeApp } from '../../brigade-app.js';
import { ADMIN_READERS, ADMIN_WRITERS } from './admin-roles.js';
import { registerCrudRoutes } from './crud-routes.js';

export function categoryRoutes(app: BrigadeApp, context: AppContext): void {
  registerCrudRoutes(app, {
    basePath: '/api/v1/businesses/:businessId/menu/categories',
    idParam: 'categoryId',
    tags: ['admin: menus'],
    schemas: {
      view: CategoryView,
      create: CreateCategoryBody,
      update: UpdateCategoryBody,
      itemParams: CategoryItemParams,
      listQuery: CategoryQuery,
    },
    access: { read: ADMIN_READERS, write: ADMIN_WRITERS },
    summaries: {
      create: 'Create a menu category (optionally nested)',
      list: 'Menu categories, optionally of one menu',
      get: 'One menu category',
      update: 'Change a menu category',
      delete: 'Delete a category with its subcategories and items',
    },
    service: new CategoryService(context.db, context.now),
  });
}
