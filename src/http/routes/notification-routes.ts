import { Type } from '@sinclair/typebox';
import { BusinessParams } from '../../schemas/common.js';
import {
  DeliveryListQuery,
  DeliveryPage,
  NotificationListQuery,
  NotificationPage,
  NotificationParams,
  NotificationView,
  PreferencesBody,
  PreferencesView,
} from '../../schemas/notifications.js';
import { listDeliveries } from '../../services/notifications/delivery-queries.js';
import {
  listMyNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from '../../services/notifications/notification-queries.js';
import { loadPreferences, updatePreferences } from '../../services/notifications/preferences-service.js';
import { requirePrincipal } from '../access.js';
import type { AppContext } from '../app.js';
import type { BrigadeApp } from '../brigade-app.js';

export function notificationRoutes(app: BrigadeApp, context: AppContext): void {
  const tags = ['notifications'];
  const security = [{ bearer: [] }];

  app.get(
    '/api/v1/notifications',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        security,
        summary: 'My notifications, newest first',
        querystring: NotificationListQuery,
        response: { 200: NotificationPage },
      },
    },
    async (request) => listMyNotifications(context.db, requirePrincipal(request).userId, request.query),
  );

  app.post(
    '/api/v1/notifications/:notificationId/read',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        security,
        summary: 'Mark one of my notifications read',
        params: NotificationParams,
        response: { 200: NotificationView },
      },
    },
    async (request) =>
      markNotificationRead(
        context.db,
        requirePrincipal(request).userId,
        request.params.notificationId,
        context.now(),
      ),
  );

  app.post(
    '/api/v1/notifications/read-all',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        security,
        summary: 'Mark all my notifications read',
        response: { 200: Type.Object({ updated: Type.Integer({ minimum: 0 }) }) },
      },
    },
    async (request) => ({
      updated: await markAllNotificationsRead(context.db, requirePrincipal(request).userId, context.now()),
    }),
  );

  app.get(
    '/api/v1/notifications/preferences',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        security,
        summary: 'Which channels each notification type uses for me (my choices, else the defaults)',
        response: { 200: PreferencesView },
      },
    },
    async (request) => ({ preferences: await loadPreferences(context.db, requirePrincipal(request).userId) }),
  );

  app.put(
    '/api/v1/notifications/preferences',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        security,
        summary: 'Turn channels on or off per notification type (only the switches sent change)',
        body: PreferencesBody,
        response: { 200: PreferencesView },
      },
    },
    async (request) => ({
      preferences: await updatePreferences(
        context.db,
        requirePrincipal(request).userId,
        request.body.preferences,
        context.now(),
      ),
    }),
  );

  app.get(
    '/api/v1/businesses/:businessId/notification-deliveries',
    {
      config: { access: { businessParam: 'businessId', roles: ['owner'] } },
      schema: {
        tags,
        security,
        summary: 'Email, SMS and push messages of the business, with their status (owners, platform admins)',
        description:
          'With the development sink nothing leaves the server: these rows are the record of what would have been sent.',
        params: BusinessParams,
        querystring: DeliveryListQuery,
        response: { 200: DeliveryPage },
      },
    },
    async (request) => listDeliveries(context.db, request.params.businessId, request.query),
  );
}
