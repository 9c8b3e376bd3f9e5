import {
  CreateItemBody,
  ItemItemParams,
  ItemQuery,
  ItemView,
  UpdateItemBody,
} from '../../../schemas/admin/item.js';
import { ItemService } from '../../../services/admin/item-service.js';
import type { AppContext } from '../../app.js';
import type { BrigadeApp } from '../../brigade-app.js';
import { ADMIN_READERS, ADMIN_WRITERS } from './admin-roles.js';
import { registerCrudRoutes } from './crud-routes.js';

export function itemRoutes(app: BrigadeApp, context: AppContext): void {
  registerCrudRoutes(app, {
    basePath: '/api/v1/businesses/:businessId/menu/items',
    idParam: 'itemId',
    tags: ['admin: menus'],
    schemas: {
      view: ItemView,
      create: CreateItemBody,
      update: UpdateItemBody,
      itemParams: ItemItemParams,
      listQuery: ItemQuery,
    },
    access: { read: ADMIN_READERS, write: ADMIN_WRITERS },
    summaries: {
      create: 'Create a menu item in a category',
      list: 'Menu items, filtered by menu, category or name',
      get: 'One menu item',
      update: 'Change a menu item (price, availability, modifier groups, ...)',
      delete: 'Delete a menu item that was never ordered',
    },
    service: new ItemService(context.db, context.now),
  });
}
