import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { packageRoot } from '../src/config/package-root.js';

/**
 * A real Brigade process (the built CLI: `brigade api` with every worker in-process, unless another
 * command is given) on PostgreSQL and Redis, for the backbone benchmarks. A platform admin is
 * bootstrapped so the benchmark can open any live feed.
 */
export interface BrigadeProcess {
  url: string;
  wsUrl: string;
  admin: { email: string; password: string };
  stop(): Promise<void>;
}

export async function startBrigadeProcess(options: {
  databaseUrl: string;
  redisUrl: string;
  stream: string;
  env?: Record<string, string>;
  /** The CLI command to run (default `api`), e.g. `['worker', 'lake']` for a worker process. */
  command?: string[];
  /** A nice value for the process (0 = as the bench; 10 = runs when nothing else wants the CPU). */
  nice?: number;
}): Promise<BrigadeProcess> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'brigade-bench-'));
  const admin = { email: 'bench-admin@example.test', password: randomBytes(12).toString('hex') };
  // BENCH_SERVER_PROFILE=<dir> writes a CPU profile of the server process there when it stops.
  const profile = process.env.BENCH_SERVER_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_PROFILE}`]
    : [];
  const child: ChildProcess = spawn(
    process.execPath,
    [...profile, path.join(packageRoot(), 'dist/src/cli/main.js'), ...(options.command ?? ['api'])],
    {
      env: {
        ...process.env,
        DATABASE_URL: options.databaseUrl,
        REDIS_URL: options.redisUrl,
        BRIGADE_BUS_STREAM: options.stream,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        BRIGADE_ADMIN_EMAIL: admin.email,
        BRIGADE_ADMIN_PASSWORD: admin.password,
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  if (options.nice && child.pid !== undefined) os.setPriority(child.pid, options.nice);
  const name = `brigade ${(options.command ?? ['api']).join(' ')}`;
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${output}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`:${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}:\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    admin,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function login(url: string, credentials: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** The Brigade process's resident memory, from its own /metrics. */
export async function serverMemoryBytes(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const match = /^process_resident_memory_bytes (\d+(?:\.\d+)?(?:e\+\d+)?)$/m.exec(text);
  if (!match) throw new Error('process_resident_memory_bytes missing from /metrics');
  return Number(match[1]);
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port')),
      );
    });
  });
}
