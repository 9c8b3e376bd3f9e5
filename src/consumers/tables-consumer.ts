import { applyOrderEventsToTables, ORDER_TABLE_EVENT_TYPES } from '../services/tables/order-table-sync.js';
import type { EventConsumer } from './event-consumer.js';

/**
 * Seats the table a dine-in order names when the order is placed, and sends it to cleaning when the
 * order completes, is cancelled or refunded (docs/tables.md). Placement itself never touches tables:
 * a busy floor plan cannot slow down or fail an order.
 */
export function tablesConsumer(): EventConsumer {
  return {
    name: 'tables',
    eventTypes: ORDER_TABLE_EVENT_TYPES,
    liveOnly: true,
    handle: (tx, events, context) => applyOrderEventsToTables(tx, events, context.now()),
  };
}
