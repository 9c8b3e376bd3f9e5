import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/**
 * The machine's Redis for suites that need it (REDIS_URL, default the local server). Unreachable →
 * those suites are skipped loudly, unless REQUIRE_SERVICES=1 makes it a failure.
 */
export const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

let reachable: boolean | undefined;
export async function isRedisReachable(): Promise<boolean> {
  if (reachable !== undefined) return reachable;
  const client = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // A refused connection rejects connect() below; without a listener ioredis would also print it.
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    reachable = true;
  } catch (error) {
    if (process.env.REQUIRE_SERVICES === '1') {
      throw new Error(`REQUIRE_SERVICES=1 but Redis at ${REDIS_URL} is unreachable: ${String(error)}`);
    }
    console.warn(`\n*** SKIPPING Redis suites: ${REDIS_URL} unreachable (${String(error)}) ***\n`);
    reachable = false;
  } finally {
    client.disconnect();
  }
  return reachable;
}

/** A stream key no other suite uses, and a way to delete it (and its dead-letter stream) afterwards. */
export function scratchStream(): { stream: string; drop: () => Promise<void> } {
  const stream = `brigade-test:${randomBytes(6).toString('hex')}:events`;
  return {
    stream,
    async drop() {
      const client = new Redis(REDIS_URL);
      await client.del(stream, `${stream}:dead`);
      client.disconnect();
    },
  };
}
