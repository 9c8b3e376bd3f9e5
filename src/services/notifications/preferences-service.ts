import { defaultEnabled, preferenceKey } from '../../domain/notifications/default-preferences.js';
import {
  CHANNELS,
  type Channel,
  NOTIFICATION_TYPES,
  type NotificationType,
} from '../../domain/notifications/notification-types.js';
import type { Database, Queryable } from '../../storage/database.js';

export type ChannelSwitches = Record<Channel, boolean>;

export interface PreferenceView {
  type: NotificationType;
  channels: ChannelSwitches;
}

/** Every type with each channel on or off for this user: their own choice, else the default. */
export async function loadPreferences(db: Queryable, userId: string): Promise<PreferenceView[]> {
  const { rows } = await db.query<{ type: string; channel: Channel; enabled: boolean }>(
    'SELECT type, channel, enabled FROM notification_preferences WHERE user_id = $1',
    [userId],
  );
  const chosen = new Map(rows.map((row) => [preferenceKey(row.type, row.channel), row.enabled]));
  return NOTIFICATION_TYPES.map((type) => ({
    type,
    channels: Object.fromEntries(
      CHANNELS.map((channel) => [
        channel,
        chosen.get(preferenceKey(type, channel)) ?? defaultEnabled(type, channel),
      ]),
    ) as ChannelSwitches,
  }));
}

/** Stores the switches given (others keep their current value) and returns the whole set. */
export async function updatePreferences(
  db: Database,
  userId: string,
  changes: readonly { type: NotificationType; channels: Partial<ChannelSwitches> }[],
  now: Date,
): Promise<PreferenceView[]> {
  const rows = changes.flatMap((change) =>
    CHANNELS.flatMap((channel) => {
      const enabled = change.channels[channel];
      return enabled === undefined ? [] : [{ type: change.type, channel, enabled }];
    }),
  );
  if (rows.length > 0) {
    await db.query(
      `INSERT INTO notification_preferences (user_id, type, channel, enabled, updated_at)
       SELECT $1, type, channel, enabled, $3 FROM jsonb_to_recordset($2::jsonb) AS r(type text, channel text, enabled boolean)
       ON CONFLICT (user_id, type, channel) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = EXCLUDED.updated_at`,
      [userId, JSON.stringify(dedupe(rows)), now.toISOString()],
    );
  }
  return loadPreferences(db, userId);
}

/** The last switch for a (type, channel) wins; one INSERT cannot touch a row twice. */
function dedupe<T extends { type: string; channel: string }>(rows: T[]): T[] {
  return [...new Map(rows.map((row) => [`${row.type}:${row.channel}`, row])).values()];
}
