import {
  CreateModifierGroupBody,
  ModifierGroupItemParams,
  ModifierGroupView,
  UpdateModifierGroupBody,
} from '../../../schemas/admin/modifier-group.js';
import { ModifierGroupService } from '../../../services/admin/modifier-group-service.js';
import type { AppContext } from '../../app.js';
import type { BrigadeApp } from '../../brigade-app.js';
import { ADMIN_READERS, ADMIN_WRITERS } from './admin-roles.js';
import { registerCrudRoutes } from './crud-routes.js';

export function modifierGroupRoutes(app: BrigadeApp, context: AppContext): void {
  registerCrudRoutes(app, {
    basePath: '/api/v1/businesses/:businessId/menu/modifiers',
    idParam: 'groupId',
    tags: ['admin: menus'],
    schemas: {
      view: ModifierGroupView,
      create: CreateModifierGroupBody,
      update: UpdateModifierGroupBody,
      itemParams: ModifierGroupItemParams,
    },
    access: { read: ADMIN_READERS, write: ADMIN_WRITERS },
    summaries: {
      create: 'Create a modifier group with its options',
      list: "The business's modifier groups",
      get: 'One modifier group with its options',
      update: 'Change a modifier group; options sent with an id are kept',
      delete: 'Delete a modifier group no item uses',
    },
    service: new ModifierGroupService(context.db, context.now),
  });
}
