import { applyLiveMetricsEvents } from '../services/live-metrics/apply-live-metrics.js';
import { ORDER_EVENT_TYPES, TICKET_EVENT_TYPES } from '../services/live-metrics/live-metrics-events.js';
import { pruneLiveMetricsState } from '../services/live-metrics/live-metrics-store.js';
import type { EventConsumer } from './event-consumer.js';

/**
 * Keeps today's figures per location and day (docs/live-metrics.md). The realtime hub reads them with
 * loadLiveMetricsSnapshot and pushes them to dashboards.
 */
export function liveMetricsConsumer(): EventConsumer {
  return {
    name: 'live-metrics',
    eventTypes: [...ORDER_EVENT_TYPES, ...TICKET_EVENT_TYPES],
    handle: (tx, events) => applyLiveMetricsEvents(tx, events),
    prune: pruneLiveMetricsState,
  };
}
