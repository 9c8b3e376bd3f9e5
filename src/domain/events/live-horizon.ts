import type { EventEnvelope } from './envelope.js';

/**
 * How old an event may be and still be news. Consumers that tell people what to do now — the kitchen
 * display, notifications, the floor plan — leave older events alone: a ticket for a dinner cooked
 * last week, a "new order" message for it, or a table seated for it would only mislead. Such events
 * reach them when history is written (`brigade simulate --backfill`, an ingestion connector catching
 * up with another system's past); the lake and the live metrics still take every event.
 *
 * Six hours is longer than any order stays open in a kitchen, and longer than any outage the relay
 * is expected to survive without people noticing: an order the bus delivers later than that is on the
 * orders board, not on the kitchen screen.
 */
export const LIVE_HORIZON_MS = 6 * 60 * 60 * 1000;

/**
 * Whether an event is history rather than news: it happened too long before `now` to be acted on
 * (see LIVE_HORIZON_MS), or at or before its business's history mark (`historyThrough`, epoch
 * milliseconds; null when the business has none): the instant up to which the business's past was
 * written after the fact, so that even its last hours are known to be over.
 */
export function isHistory(
  event: Pick<EventEnvelope, 'occurred_at'>,
  now: Date,
  historyThrough: number | null = null,
): boolean {
  const occurred = Date.parse(event.occurred_at);
  if (!Number.isFinite(occurred)) return false;
  return (
    now.getTime() - occurred > LIVE_HORIZON_MS || (historyThrough !== null && occurred <= historyThrough)
  );
}
