import type { Database } from '../storage/database.js';
import { deleteInBatches } from '../storage/delete-in-batches.js';
import type { EventConsumer } from './event-consumer.js';

/** What one round of housekeeping deleted. */
export interface PrunedState {
  /** The consumer's dedupe records (consumer_processed_events). */
  processed: number;
  /** Rows of the consumer's own state (EventConsumer.prune). */
  state: number;
}

/**
 * Deletes what a consumer no longer needs of what it recorded before `before`: its dedupe records,
 * then its own state (EventConsumer.prune). A dedupe record only matters while its event can be
 * delivered to the consumer again, which happens in two ways, both covered:
 * - the unacknowledged tail of a reader that crashed, re-read (or taken over from a dead member of a
 *   Redis group) before the group is caught up: the runner prunes only once a read found it caught up;
 * - a relay that crashed between publishing to Redis and committing publishes the events again when
 *   it restarts, however much later: an event still without a log position keeps its records.
 * Deliberately re-reading older events (a group reset by hand) would apply them again.
 */
export async function pruneConsumerState(
  db: Database,
  consumer: EventConsumer,
  before: Date,
): Promise<PrunedState> {
  const processed = await deleteInBatches(db, {
    table: 'consumer_processed_events',
    key: 'event_id',
    where: `consumer = $1 AND processed_at < $2
            AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.event_id = consumer_processed_events.event_id
                                                     AND o.log_position IS NULL)`,
    params: [consumer.name, before.toISOString()],
  });
  const state = consumer.prune ? await consumer.prune(db, before) : 0;
  return { processed, state };
}
