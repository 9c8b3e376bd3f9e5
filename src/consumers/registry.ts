import type { EventConsumer } from './event-consumer.js';

/**
 * Every durable consumer Brigade runs. `brigade start` and `brigade api` run them in-process (unless
 * BRIGADE_WORKERS says otherwise); `brigade worker <name>` runs one alone.
 */
export function brigadeConsumers(): EventConsumer[] {
  return [];
}
