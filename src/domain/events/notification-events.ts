import { type TSchema, Type } from '@sinclair/typebox';
import { Timestamp, Uuid } from '../../schemas/common.js';
import { NOTIFICATION_TYPES } from '../notifications/notification-types.js';

/**
 * Events of the notifications consumer. `notification.created` is written in the transaction that
 * stores the in-app notification, so the SSE stream (GET /api/v1/notifications/stream) delivers exactly
 * the rows it can replay from the notifications table; notification_id is the SSE event id.
 */
export const NOTIFICATION_EVENTS = {
  'notification.created': {
    version: 1,
    description: 'An in-app notification was stored for a user (delivered live over SSE).',
    payload: Type.Object({
      notification_id: Type.Integer({
        minimum: 1,
        description: 'the notifications row id; the SSE event id',
      }),
      user_id: Uuid,
      type: Type.Union(NOTIFICATION_TYPES.map((type) => Type.Literal(type))),
      title: Type.String(),
      body: Type.String(),
      data: Type.Record(Type.String(), Type.Unknown()),
      created_at: Timestamp,
    }),
  },
} as const satisfies Record<string, { version: number; description: string; payload: TSchema }>;
