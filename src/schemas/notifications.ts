import { Type } from '@sinclair/typebox';
import { CHANNELS, NOTIFICATION_TYPES } from '../domain/notifications/notification-types.js';
import { ListOf, PageQuery } from './admin/pagination.js';
import { Nullable, StrictObject, Timestamp, Uuid } from './common.js';

const NotificationTypeSchema = Type.Union(NOTIFICATION_TYPES.map((type) => Type.Literal(type)));

export const NotificationParams = Type.Object({
  notificationId: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
});

export const NotificationView = Type.Object({
  id: Type.Integer({ description: 'grows with time; the SSE event id of the notifications stream' }),
  businessId: Uuid,
  type: Type.String(),
  title: Type.String(),
  body: Type.String(),
  data: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Timestamp,
  readAt: Nullable(Timestamp),
});

export const NotificationListQuery = Type.Object({
  unread: Type.Optional(Type.Boolean({ description: 'only notifications not yet read' })),
  ...PageQuery,
});

export const NotificationPage = Type.Object({
  items: Type.Array(NotificationView),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'null on the last page' }),
  unreadCount: Type.Integer({ minimum: 0 }),
});

const Switches = Object.fromEntries(CHANNELS.map((channel) => [channel, Type.Boolean()])) as Record<
  (typeof CHANNELS)[number],
  ReturnType<typeof Type.Boolean>
>;

export const PreferencesView = Type.Object({
  preferences: Type.Array(Type.Object({ type: NotificationTypeSchema, channels: Type.Object(Switches) })),
});

export const PreferencesBody = StrictObject({
  preferences: Type.Array(
    StrictObject({
      type: NotificationTypeSchema,
      channels: Type.Partial(Type.Object(Switches), { additionalProperties: false, minProperties: 1 }),
    }),
    { minItems: 1, maxItems: 100 },
  ),
});

export const DeliveryListQuery = Type.Object({
  status: Type.Optional(
    Type.Union(['pending', 'sent', 'failed', 'skipped'].map((status) => Type.Literal(status))),
  ),
  channel: Type.Optional(Type.Union(['email', 'sms', 'push'].map((channel) => Type.Literal(channel)))),
  ...PageQuery,
});

export const DeliveryPage = ListOf(
  Type.Object({
    id: Uuid,
    userId: Uuid,
    type: Type.String(),
    channel: Type.String(),
    recipient: Nullable(Type.String()),
    subject: Type.String(),
    body: Type.String(),
    status: Type.String(),
    attempts: Type.Integer({ minimum: 0 }),
    lastError: Nullable(Type.String()),
    providerReference: Nullable(Type.String()),
    createdAt: Timestamp,
    sentAt: Nullable(Timestamp),
  }),
);
