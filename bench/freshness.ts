import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import WebSocket from 'ws';
import { payloadProblems } from '../src/domain/events/payload-check.js';
import { WORKER_NAMES } from '../src/workers/worker-names.js';
import { login, percentile, startBrigadeProcess } from './brigade-process.js';
import { withScratchDatabase } from './scratch-database.js';
import { REDIS_URL, withScratchStream } from './scratch-stream.js';
import { type BenchRestaurant, prepareBenchDatabase } from './seed-bench-restaurant.js';

/**
 * `npm run bench:freshness` (issue 3): how long from an order being accepted to its message on the
 * dashboard and kitchen (KDS) WebSockets, at a steady 500 orders/s, on PostgreSQL + Redis Streams with
 * a real `brigade api` process running the relay, the consumers and the live feeds.
 *
 * The load is written where an accepted order leaves the API: an order's `order.placed` and
 * `order.confirmed` events committed to the outbox (placement over HTTP tops out near 250 orders/s
 * on this 2-core machine, see bench:orders, so HTTP cannot produce 500/s). The clock starts when the
 * INSERT is sent, so commit time is included. Dashboard: the order's `order.placed` message. KDS: the
 * order's first event on the kitchen feed, and the ticket the kitchen consumer made for it
 * (`kitchen.ticket_created`), which adds a consumer hop (the consumer, its outbox write, the relay).
 */
const TARGET_P99_MS = 250;
/**
 * The event backbone's roles: every worker but the lake writer, which is issue 4's and at this load
 * needs cores of its own (`--workers all`, or `--apart lake`, measures it beside them).
 */
const BACKBONE_WORKERS = WORKER_NAMES.filter((name) => name !== 'lake').join(',');

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '500' },
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
    workers: { type: 'string', default: BACKBONE_WORKERS },
    apart: { type: 'string', default: '' },
    'apart-nice': { type: 'string', default: '0' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(
    'usage: npm run bench:freshness -- [--rate 500] [--duration 20] [--warmup 3] [--workers LIST|all] [--apart LIST] [--apart-nice N]\n' +
      `--workers: BRIGADE_WORKERS of the brigade api process (default ${BACKBONE_WORKERS}; the kitchen consumer must be among them).\n` +
      '--apart: workers run beside it in a second process (brigade worker LIST), with nice value --apart-nice.',
  );
  process.exit(0);
}
const rate = Number(values.rate);
const durationS = Number(values.duration);
const warmupS = Number(values.warmup);

function orderEvents(r: BenchRestaurant, orderId: string, at: Date): unknown[] {
  const placed = {
    status: 'placed',
    customer_id: null,
    placed_by: null,
    channel: 'bench',
    service_type: 'takeout',
    table_number: null,
    delivery: null,
    lines: [
      {
        line_id: randomUUID(),
        line_number: 1,
        item_id: r.items.fries,
        brand_id: r.brandId,
        category_id: r.categoryId,
        name: 'Fries',
        station: 'fryer',
        unit_price: 500,
        unit_cost: null,
        quantity: 1,
        modifiers: [],
        line_subtotal: 500,
        discount: 0,
        notes: null,
      },
    ],
    totals: {
      currency: 'CAD',
      subtotal: 500,
      discount: 0,
      loyalty_discount: 0,
      tax: 65,
      tip: 0,
      delivery_fee: 0,
      total: 565,
    },
    promo_code: null,
    applied_offers: [],
    loyalty_points_redeemed: 0,
    placed_at: at.toISOString(),
  };
  const confirmed = { from: 'placed', to: 'confirmed', actor: { user_id: null, role: 'system' } };
  return [
    [randomUUID(), 'order.placed', 1, at, r.businessId, r.locationId, orderId, 0, JSON.stringify(placed)],
    [
      randomUUID(),
      'order.confirmed',
      1,
      at,
      r.businessId,
      r.locationId,
      orderId,
      1,
      JSON.stringify(confirmed),
    ],
  ].map((row, index) => {
    const problems = payloadProblems(String(row[1]), JSON.parse(String(row[8])));
    if (problems.length > 0)
      throw new Error(`bench event ${index} breaks the catalog: ${problems.join('; ')}`);
    return row;
  });
}

async function main(): Promise<void> {
  const loadBefore = os.loadavg()[0] ?? 0;
  await withScratchStream((stream) =>
    withScratchDatabase(async (databaseUrl) => {
      const restaurant = await prepareBenchDatabase(databaseUrl);
      orderEvents(restaurant, randomUUID(), new Date()); // fail fast if the payloads drift from the catalog

      const server = await startBrigadeProcess({
        databaseUrl,
        redisUrl: REDIS_URL,
        stream,
        env: { BRIGADE_WORKERS: String(values.workers) },
      });
      const apart = values.apart
        ? await startBrigadeProcess({
            databaseUrl,
            redisUrl: REDIS_URL,
            stream,
            command: ['worker', ...values.apart.split(',')],
            nice: Number(values['apart-nice']),
          }).catch(async (error: unknown) => {
            await server.stop();
            throw error;
          })
        : undefined;
      const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
      try {
        const token = await login(server.url, server.admin);
        // Send times of the orders sent after the warm-up: only those are measured.
        const sentAt = new Map<string, number>();
        const dashboard: number[] = [];
        const kitchen: number[] = [];
        const kdsFirst: number[] = [];
        const kdsSeen = new Set<string>();
        let measuring = false;
        const open = (
          path: string,
          onMessage: (message: { event: string; data: Record<string, unknown> }) => void,
        ) =>
          new Promise<WebSocket>((resolve, reject) => {
            const socket = new WebSocket(`${server.wsUrl}${path}?access_token=${token}`);
            socket.on('open', () => resolve(socket));
            socket.on('error', reject);
            socket.on('message', (raw) => onMessage(JSON.parse(raw.toString())));
          });
        const dashboardSocket = await open(`/api/v1/ws/dashboard/${restaurant.businessId}`, (message) => {
          if (message.event !== 'order.placed') return;
          const sent = sentAt.get(String(message.data.order_id));
          if (sent !== undefined) dashboard.push(performance.now() - sent);
        });
        const kdsSocket = await open(`/api/v1/ws/kds/${restaurant.locationId}`, (message) => {
          // The kitchen screen learns of the order from its first order event on the KDS feed...
          if (message.event.startsWith('order.')) {
            const orderId = String(message.data.order_id);
            const sent = sentAt.get(orderId);
            if (sent !== undefined && !kdsSeen.has(orderId)) {
              kdsSeen.add(orderId);
              kdsFirst.push(performance.now() - sent);
            }
            return;
          }
          // ...and gets its ticket once the kitchen consumer has made it.
          if (message.event !== 'kitchen.ticket_created') return;
          const payload = (message.data.payload ?? {}) as { order_id?: string };
          const sent = sentAt.get(String(payload.order_id));
          if (sent !== undefined) kitchen.push(performance.now() - sent);
        });

        // Steady load: every 10 ms, commit as many orders as the rate says are due.
        const columns =
          'event_id, event_type, version, occurred_at, business_id, location_id, order_id, sequence, payload';
        let sent = 0;
        let measuredOrders = 0;
        let measureStarted = Number.NaN;
        const started = performance.now();
        const total = (warmupS + durationS) * 1000;
        const inFlight = new Set<Promise<unknown>>();
        while (performance.now() - started < total) {
          const elapsed = performance.now() - started;
          if (!measuring && elapsed >= warmupS * 1000) {
            measuring = true;
            measureStarted = performance.now();
          }
          const due = Math.floor((elapsed / 1000) * rate) - sent;
          if (due > 0) {
            const now = new Date();
            const orders = Array.from({ length: due }, () => randomUUID());
            const rows = orders.flatMap((orderId) => orderEvents(restaurant, orderId, now)) as unknown[][];
            const params = rows.flat();
            const placeholders = rows
              .map(
                (_, row) =>
                  `(${Array.from({ length: 9 }, (_, column) => `$${row * 9 + column + 1}`).join(', ')})`,
              )
              .join(', ');
            const issued = performance.now();
            if (measuring) {
              for (const orderId of orders) sentAt.set(orderId, issued);
              measuredOrders += orders.length;
            }
            const insert = pool.query(`INSERT INTO outbox (${columns}) VALUES ${placeholders}`, params);
            inFlight.add(insert);
            void insert.finally(() => inFlight.delete(insert));
            sent += due;
          }
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        const sendingEnded = performance.now();
        await Promise.all(inFlight);
        const committedS = (performance.now() - measureStarted) / 1000;
        const sentRate = measuredOrders / ((sendingEnded - measureStarted) / 1000);
        await new Promise((resolve) => setTimeout(resolve, 5000)); // let the last messages arrive
        dashboardSocket.close();
        kdsSocket.close();

        const report = (name: string, samples: number[]) => {
          const sorted = [...samples].sort((a, b) => a - b);
          const p99 = percentile(sorted, 99);
          console.log(
            `${name}: ${samples.length}/${measuredOrders} messages; p50 ${percentile(sorted, 50).toFixed(1)} ms, ` +
              `p95 ${percentile(sorted, 95).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${(sorted.at(-1) ?? Number.NaN).toFixed(1)} ms` +
              ` — target p99 ≤ ${TARGET_P99_MS} ms: ${p99 <= TARGET_P99_MS && samples.length === measuredOrders ? 'met' : 'NOT met'}`,
          );
        };
        console.log('\nBrigade freshness benchmark (bench/freshness.ts)');
        console.log(`machine: ${os.cpus().length} cores, load average before ${loadBefore.toFixed(2)}`);
        console.log(
          `load: target ${rate} orders/s for ${durationS} s after ${warmupS} s warm-up; sent ${measuredOrders} orders in the measured window = ` +
            `${sentRate.toFixed(0)} orders/s (${(sentRate * 2).toFixed(0)} outbox events/s), all committed ${committedS.toFixed(1)} s after the window opened; ` +
            `PostgreSQL + Redis Streams; one brigade api process, BRIGADE_WORKERS=${values.workers}` +
            (apart ? `; brigade worker ${values.apart} apart (nice ${values['apart-nice']})` : ''),
        );
        report('order accepted → dashboard socket (order.placed)', dashboard);
        report('order accepted → KDS socket (first order event)', kdsFirst);
        report('order accepted → KDS socket (kitchen.ticket_created, via the kitchen consumer)', kitchen);
      } finally {
        await pool.end();
        await apart?.stop();
        await server.stop();
      }
    }),
  );
}

await main();
