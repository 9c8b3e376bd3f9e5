import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PgbenchResult {
  tps: number;
  latencyAverageMs: number;
  /** From the per-transaction log (-l): pgbench itself prints only the average. */
  latencyP50Ms: number;
  latencyP99Ms: number;
  transactions: number;
  failed: number;
}

export type PgbenchOutcome = { ok: true; result: PgbenchResult } | { ok: false; reason: string };

export interface PgbenchRun {
  databaseUrl: string;
  scriptFile: string;
  clients: number;
  threads: number;
  durationSeconds: number;
  variables: Record<string, string>;
}

/**
 * Runs pgbench with a custom script in prepared mode: Brigade's PostgreSQL adapter sends named
 * (prepared) statements, parsed and planned once per connection, and so does pgbench -M prepared.
 */
export async function runPgbench(run: PgbenchRun): Promise<PgbenchOutcome> {
  const logDir = await mkdtemp(path.join(tmpdir(), 'brigade-pgbench-'));
  try {
    const args = [
      '-n',
      '-M',
      'prepared',
      '-f',
      run.scriptFile,
      '-c',
      String(run.clients),
      '-j',
      String(run.threads),
      '-T',
      String(run.durationSeconds),
      '-l',
      '--log-prefix',
      path.join(logDir, 'tx'),
      ...Object.entries(run.variables).flatMap(([name, value]) => ['-D', `${name}=${value}`]),
      run.databaseUrl,
    ];
    const output = await capture('pgbench', args);
    if (output.kind === 'missing')
      return { ok: false, reason: 'pgbench is not on PATH (it ships with PostgreSQL)' };
    if (output.code !== 0)
      return { ok: false, reason: `pgbench exited with ${output.code}:\n${output.text.trim()}` };
    const tps = matchNumber(output.text, /^tps = ([\d.]+) \(without initial connection time\)/m);
    const latencyAverageMs = matchNumber(output.text, /^latency average = ([\d.]+) ms/m);
    const transactions = matchNumber(output.text, /^number of transactions actually processed: (\d+)/m);
    const failed = matchNumber(output.text, /^number of failed transactions: (\d+)/m) ?? 0;
    if (tps === undefined || latencyAverageMs === undefined || transactions === undefined) {
      return { ok: false, reason: `could not parse pgbench output:\n${output.text.trim()}` };
    }
    const latencies = await readLatencies(logDir);
    return {
      ok: true,
      result: {
        tps,
        latencyAverageMs,
        latencyP50Ms: percentile(latencies, 0.5),
        latencyP99Ms: percentile(latencies, 0.99),
        transactions,
        failed,
      },
    };
  } finally {
    await rm(logDir, { recursive: true, force: true });
  }
}

function capture(
  command: string,
  args: string[],
): Promise<{ kind: 'missing' } | { kind: 'exited'; code: number; text: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') resolve({ kind: 'missing' });
      else resolve({ kind: 'exited', code: -1, text: error.message });
    });
    child.on('close', (code) => resolve({ kind: 'exited', code: code ?? -1, text }));
  });
}

function matchNumber(text: string, pattern: RegExp): number | undefined {
  const found = pattern.exec(text)?.[1];
  return found === undefined ? undefined : Number(found);
}

/** Log lines are `client_id transaction_no latency_us script_no epoch_s epoch_us ...`; we keep latency in ms. */
async function readLatencies(logDir: string): Promise<number[]> {
  const latencies: number[] = [];
  for (const file of await readdir(logDir)) {
    const text = await readFile(path.join(logDir, file), 'utf8');
    for (const line of text.split('\n')) {
      const latencyUs = Number(line.split(' ')[2]);
      if (Number.isFinite(latencyUs) && line.length > 0) latencies.push(latencyUs / 1000);
    }
  }
  return latencies.sort((a, b) => a - b);
}

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}
