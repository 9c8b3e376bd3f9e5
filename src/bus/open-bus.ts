import type { Config } from '../config/config.js';
import type { Database } from '../storage/database.js';
import { EmbeddedBus } from './embedded-bus.js';
import type { EventBus } from './event-bus.js';
import { RedisBus } from './redis-bus.js';

/** The configured bus: Redis Streams when REDIS_URL is set, else the embedded log in the database. */
export function openBus(config: Pick<Config, 'redisUrl' | 'bus'>, db: Database): EventBus {
  if (!config.redisUrl) return new EmbeddedBus(db);
  return new RedisBus({
    url: config.redisUrl,
    stream: config.bus.stream,
    maxLength: config.bus.maxLength,
    claimIdleMs: config.bus.claimIdleMs,
  });
}
