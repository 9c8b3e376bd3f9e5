import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { packageRoot } from '../src/config/package-root.js';
import { type ChildMessage, newServerStats, type ParentMessage, type ServerStats } from './bench-server.js';
import { samplePostgresCpu } from './postgres-cpu.js';
import { type PgbenchOutcome, runPgbench } from './run-pgbench.js';
import { withScratchDatabase } from './scratch-database.js';
import { type BenchRestaurant, prepareBenchDatabase } from './seed-bench-restaurant.js';

/**
 * `npm run bench:orders` (Brigade issue 2): order placement over HTTP against PostgreSQL with
 * concurrent clients, then pgbench with the equivalent order transaction on the same database, and
 * the ratio of the two. Figures and their interpretation: docs/benchmarks.md.
 */

const TARGET_RATIO = 0.6;
const TARGET_P99_MS = 50;

interface Options {
  connections: number;
  /** Customers placing the orders; each connection orders as one of them (see --customers). */
  customers: number;
  duration: number;
  warmup: number;
  pool: number;
  /** Also measure the minimal Node HTTP server running pgbench's transaction (bench/ceiling-server.ts). */
  ceiling: boolean;
  /** App server processes (each its own pool), the connections shared out among them. */
  servers: number;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      connections: { type: 'string', default: '16' },
      customers: { type: 'string' },
      duration: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '3' },
      pool: { type: 'string', default: '10' },
      ceiling: { type: 'boolean', default: false },
      servers: { type: 'string', default: '1' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(
      'usage: npm run bench:orders -- [--connections 16] [--customers N] [--duration 20] [--warmup 3] [--pool 10] [--servers 1] [--ceiling]\n' +
        '--servers: app server processes (each with its own pool of --pool), as `brigade api` behind a load\n' +
        '  balancer; the connections are shared out among them, and the latency figures are the highest of\n' +
        '  the per-server load generators.\n' +
        '--customers: how many customers place the orders, connection n ordering as customer n mod N\n' +
        '  (default: one per connection, as concurrent orders come from different people; 1 = every order\n' +
        "  from one customer, whose loyalty balance row then serialises the payment step's transactions).\n" +
        "--ceiling also measures a minimal Fastify + pg server running pgbench's transaction over HTTP.\n" +
        'DATABASE_URL is the admin connection (default postgres://postgres@127.0.0.1:5432/test);\n' +
        'a scratch database brigade_bench_<random> is created there and dropped at the end.',
    );
    process.exit(0);
  }
  const positive = (name: string, raw: string) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`--${name} must be a positive integer, got ${raw}`);
    return value;
  };
  const connections = positive('connections', values.connections);
  const servers = positive('servers', values.servers);
  // Each server gets its share of the connections: at least one.
  if (servers > connections) throw new Error(`--servers ${servers} needs at least as many --connections`);
  return {
    connections,
    customers: values.customers === undefined ? connections : positive('customers', values.customers),
    duration: positive('duration', values.duration),
    warmup: positive('warmup', values.warmup),
    pool: positive('pool', values.pool),
    ceiling: values.ceiling,
    servers,
  };
}

async function main(): Promise<void> {
  const options = parseOptions();
  // Other work on the machine skews every figure here; the 1-minute load average says how much there was.
  const loadBefore = os.loadavg()[0] ?? 0;
  await withScratchDatabase(async (databaseUrl) => {
    const serverVersion = await withClient(databaseUrl, async (client) => {
      const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
      return rows[0]?.server_version;
    });
    const servers: { child: ChildProcess; port: number }[] = [];
    try {
      const restaurant = await prepareBenchDatabase(databaseUrl, options.customers);
      const jwtSecret = randomBytes(32).toString('hex');
      for (let index = 0; index < options.servers; index++) {
        servers.push(
          await startServer('order-server.js', {
            BENCH_DATABASE_URL: databaseUrl,
            BENCH_JWT_SECRET: jwtSecret,
            BENCH_POOL_SIZE: String(options.pool),
          }),
        );
      }
      const report = await benchmark(options, databaseUrl, restaurant, servers);
      printReport(options, report, serverVersion ?? 'unknown', loadBefore);
    } finally {
      await Promise.all(servers.map((server) => stopServer(server.child)));
    }
  });
}

/** Forks one of the bench servers (`order-server.js`, `ceiling-server.js`) and waits until it listens. */
function startServer(
  module: 'order-server.js' | 'ceiling-server.js',
  env: Record<string, string>,
): Promise<{ child: ChildProcess; port: number }> {
  const name = module.replace('-server.js', ' server');
  const child = fork(new URL(`./${module}`, import.meta.url), [], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: process.env.BENCH_SERVER_PROFILE
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_PROFILE}`]
      : [],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before listening`)));
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'listening') resolve({ child, port: message.port });
      if (message.type === 'failed') reject(new Error(`${name} failed: ${message.error}`));
    });
  });
}

function serverStats(child: ChildProcess): Promise<ServerStats> {
  return new Promise((resolve) => {
    const listener = (message: ChildMessage) => {
      if (message.type !== 'stats') return;
      child.off('message', listener);
      resolve(message.stats);
    };
    child.on('message', listener);
    child.send({ type: 'stats' } satisfies ParentMessage);
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.send({ type: 'stop' } satisfies ParentMessage);
  });
}

/** Busy and total jiffies over all cores, from /proc/stat (Linux); undefined elsewhere. */
async function machineCpu(): Promise<{ busy: number; total: number } | undefined> {
  try {
    const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? '';
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((sum, value) => sum + value, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

function busyPercent(
  before: { busy: number; total: number } | undefined,
  after: { busy: number; total: number } | undefined,
): number | undefined {
  if (!before || !after) return undefined;
  return ((after.busy - before.busy) / Math.max(1, after.total - before.total)) * 100;
}

interface HttpResult {
  ordersPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  averageMs: number;
  maxMs: number;
  created: number;
  statusCounts: Record<string, number>;
  errors: number;
  timeouts: number;
  failureSamples: string[];
  confirmedInDatabase: number;
}

interface Profile {
  perOrder: {
    roundTrips: number;
    transactions: number;
    dbMs: number;
    serverCpuMs: number;
    postgresCpuMs: number | undefined;
  };
  statements: [string, number][];
  serverEventLoopUtilization: number;
  loadGeneratorCpuPercent: number;
  machineCpuPercent: number | undefined;
}

interface Report {
  http: HttpResult;
  profile: Profile;
  pgbench: PgbenchOutcome;
  pgbenchCpu: { postgresCpuMsPerTx: number | undefined; machineCpuPercent: number | undefined };
  /** Statements (one round trip each under -M prepared) and transactions in one run of pgbench's script. */
  pgbenchScript: { roundTrips: number; transactions: number };
  /** The minimal Node HTTP server running pgbench's transaction; only with --ceiling. */
  ceiling?: { http: HttpResult; profile: Profile };
}

interface HttpLoad {
  /** Printed in the progress lines: which server is loaded. */
  label: string;
  /** One base URL per server process; the connections are shared out among them. */
  bases: readonly string[];
  path: string;
  headers: Record<string, string>;
  /** Authorization header values: connection n sends the n-th (modulo their number). */
  authorizations?: readonly string[];
  body: string;
}

async function benchmark(
  options: Options,
  databaseUrl: string,
  restaurant: BenchRestaurant,
  servers: readonly { child: ChildProcess; port: number }[],
): Promise<Report> {
  const databaseName = new URL(databaseUrl).pathname.slice(1);
  const bases = servers.map((server) => `http://127.0.0.1:${server.port}`);
  const base = bases[0] as string;
  const authorizations: string[] = [];
  for (const customer of restaurant.customers) {
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: customer.email, password: customer.password }),
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    authorizations.push(`Bearer ${((await login.json()) as { accessToken: string }).accessToken}`);
  }

  const orderPath = `/api/v1/restaurants/${restaurant.locationId}/orders`;
  const body = JSON.stringify({
    serviceType: 'takeout',
    items: [
      {
        itemId: restaurant.items.burger,
        quantity: 2,
        modifiers: [restaurant.options.medium, restaurant.options.cheese],
      },
      { itemId: restaurant.items.fries, quantity: 1 },
      { itemId: restaurant.items.cake, quantity: 1, notes: 'birthday candle' },
    ],
    payment: { method: 'credit_card', cardNumber: '4242424242424242' },
  });
  const headers = { 'content-type': 'application/json' };

  // One order first: it must succeed, and its rows give pgbench realistic JSON to write.
  const first = await fetch(`${base}${orderPath}`, {
    method: 'POST',
    headers: { ...headers, authorization: authorizations[0] as string },
    body,
  });
  if (first.status !== 201) throw new Error(`first order failed: ${first.status} ${await first.text()}`);
  const firstOrder = (await first.json()) as { id: string; status: string };
  if (firstOrder.status !== 'confirmed')
    throw new Error(`first order is ${firstOrder.status}, expected confirmed`);
  const samples = await sampleRows(databaseUrl, firstOrder.id);

  const { http, profile } = await measureHttp(
    options,
    databaseUrl,
    servers.map((server) => server.child),
    {
      label: 'HTTP order placement',
      bases,
      path: orderPath,
      headers,
      authorizations,
      body,
    },
  );

  // The HTTP servers are idle from here on; stop them so pgbench has the machine to itself as the app had.
  await Promise.all(servers.map((server) => stopServer(server.child)));
  await checkpoint(databaseUrl);
  const scriptFile = path.join(packageRoot(), 'bench', 'pgbench-order.sql');
  const variables = {
    business_id: restaurant.businessId,
    location_id: restaurant.locationId,
    customer_id: restaurant.customers[0]?.userId ?? '',
    brand_id: restaurant.brandId,
    category_id: restaurant.categoryId,
    burger_id: restaurant.items.burger,
    fries_id: restaurant.items.fries,
    cake_id: restaurant.items.cake,
    pricing: samples.pricing,
    burger_modifiers: samples.burgerModifiers,
    payload: samples.placedPayload,
  };
  const pgbenchScript = countScriptRoundTrips(await readFile(scriptFile, 'utf8'));
  const pgbenchRun = {
    databaseUrl,
    scriptFile,
    clients: options.connections,
    threads: Math.min(2, options.connections),
    variables,
  };
  console.log(`pgbench warm-up: ${options.warmup} s (not counted)`);
  const warm = await runPgbench({ ...pgbenchRun, durationSeconds: options.warmup });
  let pgbench: PgbenchOutcome = warm;
  const pgbenchCpu: Report['pgbenchCpu'] = { postgresCpuMsPerTx: undefined, machineCpuPercent: undefined };
  if (warm.ok) {
    await checkpoint(databaseUrl);
    console.log(
      `pgbench: ${options.duration} s, ${options.connections} clients, ${pgbenchRun.threads} threads`,
    );
    const machineBefore = await machineCpu();
    const pgbenchPostgresCpu = await samplePostgresCpu(databaseName);
    pgbench = await runPgbench({ ...pgbenchRun, durationSeconds: options.duration });
    const pgbenchPostgresMs = await pgbenchPostgresCpu.stop();
    const machineAfter = await machineCpu();
    if (pgbench.ok) {
      pgbenchCpu.postgresCpuMsPerTx =
        pgbenchPostgresMs === undefined
          ? undefined
          : pgbenchPostgresMs / Math.max(1, pgbench.result.transactions);
      pgbenchCpu.machineCpuPercent = busyPercent(machineBefore, machineAfter);
    }
  }
  if (!options.ceiling) return { http, profile, pgbench, pgbenchCpu, pgbenchScript };
  // Last, so the default run's phases stay exactly as they were; the tables are then a little larger
  // for the ceiling than for the app and pgbench (tens of thousands of rows), which only costs it.
  const ceiling = await measureCeiling(options, databaseUrl, scriptFile, variables, body);
  return { http, profile, pgbench, pgbenchCpu, pgbenchScript, ceiling };
}

/** Starts the minimal server, checks one placement, loads it like the app, and stops it. */
async function measureCeiling(
  options: Options,
  databaseUrl: string,
  scriptFile: string,
  variables: Record<string, string>,
  body: string,
): Promise<{ http: HttpResult; profile: Profile }> {
  await checkpoint(databaseUrl);
  const { child, port } = await startServer('ceiling-server.js', {
    BENCH_DATABASE_URL: databaseUrl,
    BENCH_POOL_SIZE: String(options.pool),
    BENCH_SCRIPT_FILE: scriptFile,
    BENCH_VARIABLES: JSON.stringify(variables),
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    // The app's request body, so the minimal server parses as much JSON per request as the app does.
    const headers = { 'content-type': 'application/json' };
    const first = await fetch(`${base}/ceiling`, { method: 'POST', headers, body });
    if (first.status !== 201)
      throw new Error(`first ceiling order failed: ${first.status} ${await first.text()}`);
    return await measureHttp(options, databaseUrl, [child], {
      label: 'minimal Node HTTP server (pgbench transaction)',
      bases: [base],
      path: '/ceiling',
      headers,
      body,
    });
  } finally {
    await stopServer(child);
  }
}

/**
 * Warm-up, then the measured autocannon run against the servers (one load generator each, the
 * connections shared out), with the servers' profile summed.
 */
async function measureHttp(
  options: Options,
  databaseUrl: string,
  servers: readonly ChildProcess[],
  target: HttpLoad,
): Promise<{ http: HttpResult; profile: Profile }> {
  const databaseName = new URL(databaseUrl).pathname.slice(1);
  const failureSamples: string[] = [];
  let connectionsSeen = 0;
  const authorizations = target.authorizations ?? [];
  const loadOne = (base: string, connections: number, seconds: number) =>
    autocannon({
      url: base,
      connections,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          path: target.path,
          headers: target.headers,
          body: target.body,
          // The context lives as long as the connection: its first request picks the connection's
          // customer, and every later one sends the same.
          ...(authorizations.length > 0
            ? {
                setupRequest: (request: autocannon.Request, context: { authorization?: string }) => {
                  context.authorization ??= authorizations[connectionsSeen++ % authorizations.length];
                  return {
                    ...request,
                    headers: { ...request.headers, authorization: context.authorization as string },
                  };
                },
              }
            : {}),
          onResponse: (status, responseBody) => {
            if (status !== 201 && failureSamples.length < 5)
              failureSamples.push(`${status} ${responseBody.slice(0, 300)}`);
          },
        },
      ],
    });
  const load = async (seconds: number) => {
    const shares = target.bases.map(
      (_, index) =>
        Math.floor(options.connections / target.bases.length) +
        (index < options.connections % target.bases.length ? 1 : 0),
    );
    return mergeResults(
      await Promise.all(target.bases.map((base, index) => loadOne(base, shares[index] as number, seconds))),
    );
  };

  console.log(`warm-up: ${options.warmup} s of ${target.label} (not counted)`);
  await load(options.warmup);
  failureSamples.length = 0;
  await checkpoint(databaseUrl);
  const ordersBefore = await countConfirmed(databaseUrl);

  console.log(`measuring: ${options.duration} s, ${options.connections} connections`);
  const statsBefore = await summedStats(servers);
  const cpuBefore = await machineCpu();
  const selfBefore = process.cpuUsage();
  const postgresCpu = await samplePostgresCpu(databaseName);
  const result = await load(options.duration);
  const postgresCpuMs = await postgresCpu.stop();
  const selfCpu = process.cpuUsage(selfBefore);
  const cpuAfter = await machineCpu();
  const statsAfter = await summedStats(servers);
  const confirmedInDatabase = (await countConfirmed(databaseUrl)) - ordersBefore;

  const statusCounts: Record<string, number> = {};
  for (const [code, entry] of Object.entries(result.statusCodeStats ?? {}))
    statusCounts[code] = entry.count ?? 0;
  const created = statusCounts['201'] ?? 0;
  const http: HttpResult = {
    ordersPerSecond: created / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    averageMs: result.latency.average,
    maxMs: result.latency.max,
    created,
    statusCounts,
    errors: result.errors,
    timeouts: result.timeouts,
    failureSamples: [...failureSamples],
    confirmedInDatabase,
  };

  const requests = Math.max(1, result.requests.total);
  const loopActive = statsAfter.eventLoop.active - statsBefore.eventLoop.active;
  const loopIdle = statsAfter.eventLoop.idle - statsBefore.eventLoop.idle;
  const statements = Object.entries(statsAfter.statements)
    .map(([shape, count]): [string, number] => [
      shape,
      (count - (statsBefore.statements[shape] ?? 0)) / requests,
    ])
    .filter(([, perOrder]) => perOrder > 0)
    .sort((a, b) => b[1] - a[1]);
  const profile: Profile = {
    perOrder: {
      roundTrips: (statsAfter.roundTrips - statsBefore.roundTrips) / requests,
      transactions: (statsAfter.transactions - statsBefore.transactions) / requests,
      dbMs: (statsAfter.dbMs - statsBefore.dbMs) / requests,
      serverCpuMs:
        (statsAfter.cpuUserMs + statsAfter.cpuSystemMs - statsBefore.cpuUserMs - statsBefore.cpuSystemMs) /
        requests,
      postgresCpuMs: postgresCpuMs === undefined ? undefined : postgresCpuMs / requests,
    },
    statements,
    serverEventLoopUtilization: loopActive / Math.max(1, loopActive + loopIdle),
    loadGeneratorCpuPercent: ((selfCpu.user + selfCpu.system) / 1000 / (result.duration * 1000)) * 100,
    machineCpuPercent: busyPercent(cpuBefore, cpuAfter),
  };
  return { http, profile };
}

/** The servers' counters added up (event-loop time too: utilization is then their mean). */
async function summedStats(servers: readonly ChildProcess[]): Promise<ServerStats> {
  const all = await Promise.all(servers.map(serverStats));
  const sum = newServerStats();
  for (const stats of all) {
    sum.roundTrips += stats.roundTrips;
    sum.transactions += stats.transactions;
    sum.dbMs += stats.dbMs;
    sum.cpuUserMs += stats.cpuUserMs;
    sum.cpuSystemMs += stats.cpuSystemMs;
    sum.eventLoop.active += stats.eventLoop.active;
    sum.eventLoop.idle += stats.eventLoop.idle;
    for (const [shape, count] of Object.entries(stats.statements))
      sum.statements[shape] = (sum.statements[shape] ?? 0) + count;
  }
  return sum;
}

/**
 * One result from the load generators of several servers: counts added up, the duration the longest,
 * the latency figures the highest of them (an upper bound; exact with one server).
 */
function mergeResults(results: readonly autocannon.Result[]): autocannon.Result {
  const [first, ...rest] = results;
  if (!first) throw new Error('no load generator ran');
  if (rest.length === 0) return first;
  const statusCodeStats: Record<string, { count: number }> = {};
  for (const result of results)
    for (const [code, entry] of Object.entries(result.statusCodeStats ?? {}))
      statusCodeStats[code] = { count: (statusCodeStats[code]?.count ?? 0) + (entry.count ?? 0) };
  const highest = (pick: (result: autocannon.Result) => number) => Math.max(...results.map(pick));
  return {
    ...first,
    duration: highest((result) => result.duration),
    errors: results.reduce((total, result) => total + result.errors, 0),
    timeouts: results.reduce((total, result) => total + result.timeouts, 0),
    requests: {
      ...first.requests,
      total: results.reduce((total, result) => total + result.requests.total, 0),
    },
    latency: {
      ...first.latency,
      p50: highest((result) => result.latency.p50),
      p99: highest((result) => result.latency.p99),
      average: highest((result) => result.latency.average),
      max: highest((result) => result.latency.max),
    },
    statusCodeStats: statusCodeStats as autocannon.Result['statusCodeStats'],
  };
}

async function withClient<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Starts each measured phase with no dirty buffers left over from the one before. */
function checkpoint(databaseUrl: string): Promise<void> {
  return withClient(databaseUrl, async (client) => {
    await client.query('CHECKPOINT');
  });
}

function countConfirmed(databaseUrl: string): Promise<number> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM orders WHERE status = 'confirmed'`,
    );
    return rows[0]?.n ?? 0;
  });
}

function sampleRows(
  databaseUrl: string,
  orderId: string,
): Promise<{ pricing: string; burgerModifiers: string; placedPayload: string }> {
  return withClient(databaseUrl, async (client) => {
    const order = await client.query<{ pricing: string }>(
      'SELECT pricing::text AS pricing FROM orders WHERE id = $1',
      [orderId],
    );
    const line = await client.query<{ modifiers: string }>(
      'SELECT modifiers::text AS modifiers FROM order_lines WHERE order_id = $1 AND line_number = 1',
      [orderId],
    );
    const event = await client.query<{ payload: string }>(
      `SELECT payload::text AS payload FROM outbox WHERE order_id = $1 AND event_type = 'order.placed'`,
      [orderId],
    );
    const pricing = order.rows[0]?.pricing;
    const burgerModifiers = line.rows[0]?.modifiers;
    const placedPayload = event.rows[0]?.payload;
    if (!pricing || !burgerModifiers || !placedPayload) throw new Error(`order ${orderId} rows are missing`);
    return { pricing, burgerModifiers, placedPayload };
  });
}

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

function printReport(options: Options, report: Report, serverVersion: string, loadBefore: number): void {
  const { http, profile, pgbench } = report;
  const cpu = os.cpus();
  console.log('');
  console.log(`Order placement benchmark — ${new Date().toISOString()}`);
  console.log(
    `machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown'}), node ${process.version}, PostgreSQL ${serverVersion}, ` +
      `load average ${fixed(loadBefore, 2)} before the run`,
  );
  console.log(
    `config: ${options.connections} connections, ${options.customers} customer(s), ${options.duration} s measured after ${options.warmup} s warm-up, ` +
      (options.servers === 1
        ? `server pool ${options.pool}, app in a child process`
        : `${options.servers} app processes with a pool of ${options.pool} each, connections shared out (latency: the highest of the ${options.servers} load generators)`),
  );
  console.log('');
  const rows: [string, string, string, string, string][] = [
    ['', 'throughput /s', 'p50 ms', 'p99 ms', 'avg ms'],
    [
      'HTTP POST /orders',
      fixed(http.ordersPerSecond),
      fixed(http.p50Ms),
      fixed(http.p99Ms),
      fixed(http.averageMs, 2),
    ],
  ];
  if (pgbench.ok) {
    const r = pgbench.result;
    rows.push([
      'pgbench order tx',
      fixed(r.tps),
      fixed(r.latencyP50Ms, 2),
      fixed(r.latencyP99Ms, 2),
      fixed(r.latencyAverageMs, 2),
    ]);
  }
  const { ceiling } = report;
  if (ceiling) {
    rows.push([
      "minimal Node HTTP, pgbench's tx",
      fixed(ceiling.http.ordersPerSecond),
      fixed(ceiling.http.p50Ms),
      fixed(ceiling.http.p99Ms),
      fixed(ceiling.http.averageMs, 2),
    ]);
  }
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  for (const row of rows) {
    console.log(
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join('  '),
    );
  }
  console.log('');
  const { codes, failures } = responseSummary(http);
  console.log(
    `HTTP responses: ${codes || 'none'}; connection errors ${http.errors}, timeouts ${http.timeouts}; ` +
      `orders confirmed in the database during the run: ${http.confirmedInDatabase}`,
  );
  if (failures > 0) {
    console.log(`ERRORS: ${failures} requests did not answer 201`);
    for (const sample of http.failureSamples) console.log(`  ${sample}`);
  }
  if (pgbench.ok && pgbench.result.failed > 0)
    console.log(`pgbench failed transactions: ${pgbench.result.failed}`);
  const ceilingFailures = ceiling ? printCeilingChecks(ceiling.http) : 0;

  console.log('');
  console.log('profile of one placement (server side, averaged over the measured run):');
  console.log(
    `  ${fixed(profile.perOrder.roundTrips)} database round trips in ${fixed(profile.perOrder.transactions)} transactions ` +
      `(pgbench's script, counted from its file: ${report.pgbenchScript.roundTrips} round trips in ${report.pgbenchScript.transactions})`,
  );
  console.log(
    `  ${fixed(profile.perOrder.serverCpuMs, 2)} ms of server CPU per order; server event loop busy ` +
      `${fixed(profile.serverEventLoopUtilization * 100)}%; load generator CPU ${fixed(profile.loadGeneratorCpuPercent)}% ` +
      `of one core; whole machine ${profile.machineCpuPercent === undefined ? 'n/a' : `${fixed(profile.machineCpuPercent)}%`} busy`,
  );
  console.log(
    `  ${fixed(profile.perOrder.dbMs, 2)} ms per order awaiting the database (pool waits included)`,
  );
  const perTx = report.pgbenchCpu.postgresCpuMsPerTx;
  console.log(
    `  PostgreSQL CPU: ${fixed(profile.perOrder.postgresCpuMs ?? Number.NaN, 2)} ms per HTTP order vs ` +
      `${fixed(perTx ?? Number.NaN, 2)} ms per pgbench transaction (machine ${fixed(report.pgbenchCpu.machineCpuPercent ?? Number.NaN)}% busy during pgbench)`,
  );
  const statementsPerOrder = profile.statements.reduce((sum, [, perOrder]) => sum + perOrder, 0);
  console.log(
    `  statements per order by shape (${fixed(statementsPerOrder)} in all, BEGIN and COMMIT included):`,
  );
  for (const [shape, perOrder] of profile.statements)
    console.log(`  ${fixed(perOrder, 2).padStart(5)}  ${shape}`);
  if (ceiling) {
    const c = ceiling.profile;
    console.log("profile of the minimal server (pgbench's transaction over HTTP):");
    console.log(
      `  ${fixed(c.perOrder.roundTrips)} database round trips in ${fixed(c.perOrder.transactions)} transactions; ` +
        `${fixed(c.perOrder.serverCpuMs, 2)} ms of server CPU per order; server event loop busy ` +
        `${fixed(c.serverEventLoopUtilization * 100)}%; load generator CPU ${fixed(c.loadGeneratorCpuPercent)}% ` +
        `of one core; whole machine ${c.machineCpuPercent === undefined ? 'n/a' : `${fixed(c.machineCpuPercent)}%`} busy`,
    );
    console.log(
      `  PostgreSQL CPU: ${fixed(c.perOrder.postgresCpuMs ?? Number.NaN, 2)} ms per order; ` +
        `${fixed(c.perOrder.dbMs, 2)} ms per order awaiting the database (pool waits included)`,
    );
  }

  console.log('');
  const p99Met = http.p99Ms < TARGET_P99_MS;
  if (!pgbench.ok) {
    console.log(`pgbench skipped: ${pgbench.reason}`);
    console.log(
      `ratio: n/a; p99 ${fixed(http.p99Ms)} ms ${p99Met ? 'meets' : 'MISSES'} the < ${TARGET_P99_MS} ms target`,
    );
    return;
  }
  const ratio = http.ordersPerSecond / pgbench.result.tps;
  const ratioMet = ratio >= TARGET_RATIO;
  console.log(
    `ratio HTTP orders/s ÷ pgbench tps = ${fixed(http.ordersPerSecond)} ÷ ${fixed(pgbench.result.tps)} = ${fixed(ratio, 3)}`,
  );
  if (ceiling) {
    const ceilingRatio = ceiling.http.ordersPerSecond / pgbench.result.tps;
    console.log(
      `ceiling: minimal Node HTTP orders/s ÷ pgbench tps = ${fixed(ceiling.http.ordersPerSecond)} ÷ ` +
        `${fixed(pgbench.result.tps)} = ${fixed(ceilingRatio, 3)}` +
        (ceilingFailures > 0 ? ' (INVALID: some ceiling requests failed)' : ''),
    );
  }
  console.log(`target ratio ≥ ${TARGET_RATIO}: ${ratioMet ? 'MET' : 'NOT MET'}`);
  console.log(`target p99 < ${TARGET_P99_MS} ms: ${p99Met ? 'MET' : 'NOT MET'} (${fixed(http.p99Ms)} ms)`);
  if (failures > 0) console.log('run INVALID for the targets: some placements failed');
}

/** Counts the SQL statements of a pgbench script (each ends with `;` or `\\gset`) and its BEGINs. */
function countScriptRoundTrips(script: string): { roundTrips: number; transactions: number } {
  const lines = script.split('\n').map((line) => line.trim());
  const sql = lines.filter((line) => line.length > 0 && !line.startsWith('--') && !line.startsWith('\\set'));
  return {
    roundTrips: sql.filter((line) => line.endsWith(';') || line.endsWith('\\gset')).length,
    transactions: sql.filter((line) => /^BEGIN\b/i.test(line)).length,
  };
}

/** Status codes as `201×n, …`, and how many requests did not answer 201 (connection errors included). */
function responseSummary(http: HttpResult): { codes: string; failures: number } {
  const codes = Object.entries(http.statusCounts)
    .map(([code, count]) => `${code}×${count}`)
    .join(', ');
  const failures =
    http.errors +
    Object.entries(http.statusCounts).reduce((sum, [code, n]) => sum + (code === '201' ? 0 : n), 0);
  return { codes, failures };
}

/** The ceiling run's response check, printed like the app's; returns how many requests failed. */
function printCeilingChecks(http: HttpResult): number {
  const { codes, failures } = responseSummary(http);
  console.log(
    `minimal server responses: ${codes || 'none'}; connection errors ${http.errors}, timeouts ${http.timeouts}; ` +
      `orders written during the run: ${http.confirmedInDatabase}`,
  );
  if (failures > 0) {
    console.log(`CEILING ERRORS: ${failures} requests did not answer 201`);
    for (const sample of http.failureSamples) console.log(`  ${sample}`);
  }
  return failures;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
