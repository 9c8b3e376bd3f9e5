import {
  CreateMenuBody,
  MenuItemParams,
  MenuTreeView,
  MenuView,
  UpdateMenuBody,
} from '../../../schemas/admin/menu.js';
import { MenuService } from '../../../services/admin/menu-service.js';
import type { AppContext } from '../../app.js';
import type { BrigadeApp } from '../../brigade-app.js';
import { ADMIN_READERS, ADMIN_WRITERS } from './admin-roles.js';
import { registerCrudRoutes } from './crud-routes.js';

export function menuRoutes(app: BrigadeApp, context: AppContext): void {
  const menus = new MenuService(context.db, context.now);
  registerCrudRoutes(app, {
    basePath: '/api/v1/businesses/:businessId/menus',
    idParam: 'menuId',
    tags: ['admin: menus'],
    schemas: {
      view: MenuView,
      detail: MenuTreeView,
      create: CreateMenuBody,
      update: UpdateMenuBody,
      itemParams: MenuItemParams,
    },
    access: { read: ADMIN_READERS, write: ADMIN_WRITERS },
    summaries: {
      create: 'Create a menu for a brand',
      list: "The business's menus",
      get: 'One menu as a tree: categories, items, modifier groups',
      update: 'Change a menu',
      delete: 'Delete a menu with its categories and items (none ever ordered)',
    },
    // One menu is answered with its whole tree, so `get` is the service's `tree`.
    service: {
      create: (businessId, body) => menus.create(businessId, body),
      list: (businessId, query) => menus.list(businessId, query),
      get: (businessId, menuId) => menus.tree(businessId, menuId),
      update: (businessId, menuId, body) => menus.update(businessId, menuId, body),
      delete: (businessId, menuId) => menus.delete(businessId, menuId),
    },
  });
}
