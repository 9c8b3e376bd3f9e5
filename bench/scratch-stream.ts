import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

/**
 * Runs `work` with a fresh Redis stream name (`brigade-bench:<random>:events`) and a client on
 * REDIS_URL; the stream and its dead-letter stream are deleted afterwards whatever happens.
 */
export async function withScratchStream<T>(work: (stream: string, redis: Redis) => Promise<T>): Promise<T> {
  const stream = `brigade-bench:${randomBytes(4).toString('hex')}:events`;
  const redis = new Redis(REDIS_URL, { lazyConnect: true });
  try {
    return await work(stream, redis);
  } finally {
    await redis.del(stream, `${stream}:dead`).catch((error: unknown) => {
      console.error(`could not delete ${stream}:`, error);
    });
    redis.disconnect();
  }
}
