import {
  CreateLocationBody,
  LocationItemParams,
  LocationView,
  UpdateLocationBody,
} from '../../../schemas/admin/location.js';
import { LocationService } from '../../../services/admin/location-service.js';
import type { AppContext } from '../../app.js';
import type { BrigadeApp } from '../../brigade-app.js';
import { ADMIN_READERS, ADMIN_WRITERS, OWNERS } from './admin-roles.js';
import { registerCrudRoutes } from './crud-routes.js';

export function locationRoutes(app: BrigadeApp, context: AppContext): void {
  registerCrudRoutes(app, {
    basePath: '/api/v1/businesses/:businessId/locations',
    idParam: 'locationId',
    tags: ['admin: locations'],
    schemas: {
      view: LocationView,
      create: CreateLocationBody,
      update: UpdateLocationBody,
      itemParams: LocationItemParams,
    },
    // Managers change locations, but only owners open or delete them.
    access: { read: ADMIN_READERS, write: ADMIN_WRITERS, create: OWNERS, delete: OWNERS },
    summaries: {
      create: 'Open a new location (owners)',
      list: "The business's locations",
      get: 'One location',
      update: 'Change a location; a status change (open, paused, closed) emits location.status_changed',
      delete: 'Delete a location that has no orders (owners)',
    },
    service: new LocationService(context.db, context.now),
  });
}
