import type { EventConsumer } from './event-consumer.js';
import { kitchenConsumer } from './kitchen-consumer.js';
import { liveMetricsConsumer } from './live-metrics-consumer.js';
import { notificationsConsumer } from './notifications-consumer.js';
import { tablesConsumer } from './tables-consumer.js';

/**
 * Every durable consumer Brigade runs. `brigade start` and `brigade api` run them in-process (unless
 * BRIGADE_WORKERS says otherwise); `brigade worker <name>` runs one alone.
 */
export function brigadeConsumers(): EventConsumer[] {
  return [notificationsConsumer(), liveMetricsConsumer(), tablesConsumer(), kitchenConsumer()];
}
