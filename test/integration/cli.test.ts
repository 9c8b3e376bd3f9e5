import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The real `brigade` command line, spawned as a process (from the TypeScript sources through tsx).
 * Each start opens PGlite from disk, so these are few and share one data directory.
 */
const MAIN = path.resolve('src/cli/main.ts');

function cliEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'warn',
    PORT: '0',
    HOST: '127.0.0.1',
    ...extra,
  };
  // The CLI under test must use its own embedded database, not the suite's PostgreSQL.
  delete env.DATABASE_URL;
  delete env.BRIGADE_DEMO_PASSWORD;
  delete env.BRIGADE_ADMIN_EMAIL;
  delete env.BRIGADE_ADMIN_PASSWORD;
  return env;
}

function launch(args: string[], env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { env: cliEnv(env) });
}

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function collect(child: ChildProcessWithoutNullStreams): {
  output: () => Finished;
  exited: Promise<Finished>;
} {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<Finished>((resolve) => {
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { output: () => ({ code: child.exitCode, stdout, stderr }), exited };
}

function run(args: string[], env: Record<string, string> = {}): Promise<Finished> {
  return collect(launch(args, env)).exited;
}

/** Starts `brigade start` and resolves once its banner (ending with the demo logins) is printed. */
async function startBrigade(dataDir: string): Promise<{
  url: string;
  banner: string;
  passwords: Map<string, string>;
  stop: (signal: NodeJS.Signals) => Promise<Finished>;
}> {
  const child = launch(['start'], { DATA_DIR: dataDir });
  const { output, exited } = collect(child);
  const deadline = Date.now() + 45_000;
  while (!/theo@northwind\.example\s+\S+/.test(output().stdout)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      const finished = await exited;
      throw new Error(`brigade start did not print its banner:\n${finished.stdout}\n${finished.stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const stdout = output().stdout;
  const url = /Brigade is running at (http:\/\/\S+)/.exec(stdout)?.[1];
  if (!url) throw new Error(`no URL in banner:\n${stdout}`);
  const passwords = new Map<string, string>();
  for (const match of stdout.matchAll(/(\S+@northwind\.example)\s+(\S+)/g)) {
    if (match[1] && match[2]) passwords.set(match[1], match[2]);
  }
  return {
    url,
    banner: stdout,
    passwords,
    stop: async (signal) => {
      child.kill(signal);
      return exited;
    },
  };
}

describe('brigade CLI', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'brigade-cli-'));
  });
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('--help lists the commands and exits 0; an unknown command exits 1', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['start', 'api', 'migrate', 'seed-demo']) expect(help.stdout).toContain(command);

    const unknown = await run(['frobnicate']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
  });

  it('ingest refuses a source URL with a password and an unreadable token file, without a stack', async () => {
    const business = '00000000-0000-4000-8000-000000000001';
    const password = await run([
      'ingest',
      'http',
      '--url',
      'http://me:s3cret@localhost:1',
      '--business',
      business,
    ]);
    expect(password.code).toBe(1);
    expect(password.stderr).toContain('without a user or password');
    const tokenFile = await run(
      [
        'ingest',
        'sse',
        '--url',
        'http://localhost:1',
        '--business',
        business,
        '--token-file',
        '/nonexistent/token',
      ],
      { DATA_DIR: dataDir },
    );
    expect(tokenFile.code).toBe(1);
    expect(tokenFile.stderr).toContain('--token-file /nonexistent/token cannot be read (ENOENT)');
    expect(tokenFile.stderr).not.toMatch(/\n\s+at /);
  });

  it('invalid configuration exits 1 listing every problem', async () => {
    const result = await run(['migrate'], { PORT: 'abc', LOG_LEVEL: 'loud', DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PORT must be an integer');
    expect(result.stderr).toContain('LOG_LEVEL must be one of');
  });

  it('simulate wants one mode; --backfill --out writes a day file per day of history', async () => {
    const neither = await run(['simulate'], { DATA_DIR: dataDir });
    expect(neither.code).toBe(1);
    expect(neither.stderr).toContain('choose one of --live or --backfill');
    const mixed = await run(['simulate', '--live', '--days', '2'], { DATA_DIR: dataDir });
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toContain('--days and --out go with --backfill');
    // A DATA_DIR without the demo's passwords: the simulation could sign in as nobody. Said up front,
    // with no stack trace.
    const strange = await run(['simulate', '--live'], { DATA_DIR: path.join(dataDir, 'elsewhere') });
    expect(strange.code).toBe(1);
    expect(strange.stderr).toContain('brigade: no demo passwords');
    expect(strange.stderr).not.toMatch(/\n\s+at /);
    const threadsAlone = await run(['simulate', '--backfill', '--threads', '2'], { DATA_DIR: dataDir });
    expect(threadsAlone.code).toBe(1);
    expect(threadsAlone.stderr).toContain('--threads goes with --out');

    const out = path.join(dataDir, 'history/');
    // Two worker threads: the days are written side by side (history-as-text.test.ts checks the bytes).
    const result = await run(['simulate', '--backfill', '--days', '1', '--out', out, '--threads', '2'], {
      DATA_DIR: dataDir,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Wrote [\d,]+ orders, [\d,]+ events to /);
    expect(result.stderr).toContain('days written');
    const files = (await readdir(out)).sort();
    // Yesterday whole and today up to the live horizon, one file each (or only yesterday before 06:00 UTC).
    expect(files.length).toBeGreaterThanOrEqual(1);
    for (const file of files) expect(file).toMatch(/^brigade-events-\d{4}-\d{2}-\d{2}\.ndjson$/);
  }, 120_000);

  it('migrate applies the migrations and exits 0', async () => {
    const result = await run(['migrate'], { DATA_DIR: dataDir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Applied migrations: 001');
  }, 60_000);

  it('start serves the API with demo logins and history, stops on SIGTERM, and prints the same logins again', async () => {
    const first = await startBrigade(dataDir);
    try {
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      // The start that seeds the demo writes its history in the background (stopped by the SIGTERM
      // below, between two transactions); a later start does not.
      expect(first.banner).toContain("History:   today's orders so far and the day before");
      expect([...first.passwords.keys()]).toEqual([
        'owner@northwind.example',
        'manager@northwind.example',
        'kitchen@northwind.example',
        'cashier@northwind.example',
        'driver@northwind.example',
        'ava@northwind.example',
        'theo@northwind.example',
      ]);
      const health = await fetch(`${first.url}/health`);
      expect(health.status).toBe(200);
      const login = await fetch(`${first.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: 'owner@northwind.example',
          password: first.passwords.get('owner@northwind.example'),
        }),
      });
      expect(login.status).toBe(200);
    } finally {
      const stopped = await first.stop('SIGTERM');
      expect(stopped.code).toBe(0);
    }

    const second = await startBrigade(dataDir);
    expect(second.banner).not.toContain('History:');
    const stopped = await second.stop('SIGINT');
    expect(stopped.code).toBe(0);
    expect(second.passwords).toEqual(first.passwords);
  }, 120_000);
});
