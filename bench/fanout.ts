import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import WebSocket from 'ws';
import { login, percentile, serverMemoryBytes, startBrigadeProcess } from './brigade-process.js';
import { withScratchDatabase } from './scratch-database.js';
import { REDIS_URL, withScratchStream } from './scratch-stream.js';
import { prepareBenchDatabase } from './seed-bench-restaurant.js';

/**
 * `npm run bench:fanout` (issue 3): 10,000 WebSocket clients on one business's dashboard feed of a
 * real `brigade api` process (PostgreSQL + Redis Streams), and one event a second committed to the
 * outbox. Measures, per client and tick, the time from the commit being sent to the message arriving
 * (the relay, the bus and the fan-out), and the server's memory per connected client (its RSS from
 * /metrics before and after connecting). Target: p99 ≤ 200 ms. One warm-up tick before the measured ones
 * is printed but not counted.
 */
const TARGET_P99_MS = 200;

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '10000' },
    ticks: { type: 'string', default: '20' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log('usage: npm run bench:fanout -- [--clients 10000] [--ticks 20]');
  process.exit(0);
}
const clientCount = Number(values.clients);
const TICK_MARK = Buffer.from('"event":"business.changed"');
const ticks = Number(values.ticks);

async function main(): Promise<void> {
  const loadBefore = os.loadavg()[0] ?? 0;
  await withScratchStream((stream) =>
    withScratchDatabase(async (databaseUrl) => {
      const restaurant = await prepareBenchDatabase(databaseUrl);
      // Only the relay runs beside the feeds: this measures fan-out, not the consumers.
      const server = await startBrigadeProcess({
        databaseUrl,
        redisUrl: REDIS_URL,
        stream,
        env: { BRIGADE_WORKERS: 'relay' },
      });
      const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
      const sockets: WebSocket[] = [];
      try {
        const token = await login(server.url, server.admin);
        const memoryBefore = await serverMemoryBytes(server.url);
        let tickSentAt: number | undefined;
        // The unmeasured warm-up tick (below): when it was sent and its first and last arrivals.
        let warmUp: { sentAt: number; first?: number; last?: number } | undefined;
        const latencies: number[] = [];
        const perTick: number[][] = [];
        let received = 0;
        const url = `${server.wsUrl}/api/v1/ws/dashboard/${restaurant.businessId}?access_token=${token}`;
        const connectStarted = Date.now();
        for (let opened = 0; opened < clientCount; opened += 250) {
          const wave = Array.from(
            { length: Math.min(250, clientCount - opened) },
            () =>
              new Promise<void>((resolve, reject) => {
                const socket = new WebSocket(url, { perMessageDeflate: false });
                socket.on('open', () => resolve());
                socket.on('error', reject);
                // One tick is in flight at a time (they are 1 s apart), so a cheap byte search tells a
                // tick from other messages; parsing 10,000 messages per tick here would add the
                // client's own queueing to every latency.
                socket.on('message', (raw: Buffer) => {
                  if (!raw.includes(TICK_MARK)) return;
                  if (tickSentAt === undefined) {
                    if (warmUp) {
                      warmUp.first ??= Date.now() - warmUp.sentAt;
                      warmUp.last = Date.now() - warmUp.sentAt;
                    }
                    return;
                  }
                  const latency = Date.now() - tickSentAt;
                  latencies.push(latency);
                  perTick.at(-1)?.push(latency);
                  received += 1;
                });
                sockets.push(socket);
              }),
          );
          await Promise.all(wave);
        }
        const connectSeconds = (Date.now() - connectStarted) / 1000;
        await new Promise((resolve) => setTimeout(resolve, 2000));
        const memoryAfter = await serverMemoryBytes(server.url);

        const tickTimes: number[] = [];
        // Tick -1 warms up (unmeasured, printed apart): the first broadcast to freshly connected
        // sockets is the slowest of a run (the first writes on each socket and code not yet optimised),
        // which a serving process pays once, not once a second.
        for (let tick = -1; tick < ticks; tick++) {
          const eventId = randomUUID();
          if (tick < 0) {
            warmUp = { sentAt: Date.now() };
          } else {
            tickSentAt = Date.now();
            tickTimes.push(tickSentAt);
            perTick.push([]);
          }
          await pool.query(
            `INSERT INTO outbox (event_id, event_type, version, occurred_at, business_id, sequence, payload)
           VALUES ($1, 'business.changed', 1, now(), $2, 0, $3)`,
            [eventId, restaurant.businessId, JSON.stringify({ action: 'updated', data: { tick } })],
          );
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
        await new Promise((resolve) => setTimeout(resolve, 3000));
        // Per tick, the first socket's latency is the relay and the bus; the rest is the fan-out itself.
        console.log(`warm-up tick (not counted): first ${warmUp?.first} ms, last ${warmUp?.last} ms`);
        for (const [tick, tickLatencies] of perTick.entries()) {
          const inOrder = tickLatencies.sort((a, b) => a - b);
          console.log(
            `tick ${tick}: first ${inOrder[0]} ms, p50 ${percentile(inOrder, 50)} ms, last ${inOrder.at(-1)} ms`,
          );
        }
        const sorted = latencies.sort((a, b) => a - b);
        const p99 = percentile(sorted, 99);
        const expected = clientCount * ticks;
        console.log('\nBrigade WebSocket fan-out benchmark (bench/fanout.ts)');
        console.log(`machine: ${os.cpus().length} cores, load average before ${loadBefore.toFixed(2)}`);
        console.log(
          `${clientCount} clients on one dashboard feed (connected in ${connectSeconds.toFixed(1)} s), ${ticks} ticks ` +
            `${ticks > 1 ? `${(((tickTimes.at(-1) ?? 0) - (tickTimes[0] ?? 0)) / (ticks - 1)).toFixed(0)} ms apart on average` : '(one tick)'}; PostgreSQL + Redis Streams`,
        );
        console.log(`messages received: ${received}/${expected}`);
        console.log(
          `commit → message on every socket: p50 ${percentile(sorted, 50)} ms, p95 ${percentile(sorted, 95)} ms, p99 ${p99} ms, max ${sorted.at(-1)} ms` +
            ` — target p99 ≤ ${TARGET_P99_MS} ms: ${p99 <= TARGET_P99_MS && received === expected ? 'met' : 'NOT met'}`,
        );
        console.log(
          `server memory: ${(memoryBefore / 2 ** 20).toFixed(0)} MiB before, ${(memoryAfter / 2 ** 20).toFixed(0)} MiB with the clients = ${((memoryAfter - memoryBefore) / clientCount / 1024).toFixed(1)} KiB per client`,
        );
      } finally {
        for (const socket of sockets) socket.terminate();
        await pool.end();
        await server.stop();
      }
    }),
  );
}

await main();
