import { readdir, readFile } from 'node:fs/promises';

/**
 * CPU time used by the local PostgreSQL server's processes (backends and background workers) while
 * a phase runs, read from /proc (Linux only, and only when PostgreSQL runs on this machine).
 * Backends come and go (pgbench's exit when it ends), so the processes are sampled periodically and
 * each one's growth since it was first seen is summed: a backend started during the phase counts from
 * zero, one that exits loses at most its last interval. Only backends of the benchmark's database and
 * the shared background processes are counted.
 */
export interface CpuSampler {
  /** Stops sampling; CPU milliseconds used, or undefined when /proc could not be read. */
  stop(): Promise<number | undefined>;
}

const SAMPLE_MS = 500;
// Linux reports utime/stime in clock ticks; USER_HZ is 100 on every mainstream kernel build.
const TICK_MS = 10;

export async function samplePostgresCpu(databaseName: string): Promise<CpuSampler> {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const skip = new Set<number>();
  let readable = true;
  // Processes already running when sampling starts count from their current value, later ones from zero.
  let started = false;

  const sample = async () => {
    let entries: string[];
    try {
      entries = await readdir('/proc');
    } catch {
      readable = false;
      return;
    }
    for (const entry of entries) {
      const pid = Number(entry);
      if (!Number.isInteger(pid) || skip.has(pid)) continue;
      const ticks = await postgresTicks(pid, databaseName);
      if (ticks === undefined) {
        if (!last.has(pid)) skip.add(pid);
        continue;
      }
      if (!first.has(pid)) first.set(pid, started ? 0 : ticks);
      last.set(pid, ticks);
    }
  };

  await sample();
  started = true;
  let sampling = Promise.resolve();
  const timer = setInterval(() => {
    sampling = sampling.then(sample);
  }, SAMPLE_MS);

  return {
    async stop() {
      clearInterval(timer);
      await sampling;
      await sample();
      if (!readable || first.size === 0) return undefined;
      let ticks = 0;
      for (const [pid, value] of last) ticks += value - (first.get(pid) ?? 0);
      return ticks * TICK_MS;
    },
  };
}

// A backend's title is `postgres: user database host(port) state`; autovacuum workers name their database too.
const OTHER_BACKEND = /\(\d+\)|\[local\]|autovacuum worker/;

async function postgresTicks(pid: number, databaseName: string): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Backends of other databases (other people's tests on a shared server) are not ours to count;
    // background processes (WAL writer, checkpointer) serve everyone and are counted.
    const title = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ');
    if (!title.includes(databaseName) && OTHER_BACKEND.test(title)) return undefined;
    // The command sits in parentheses and may hold spaces; the numeric fields follow the last ')'.
    const close = stat.lastIndexOf(')');
    const command = stat.slice(stat.indexOf('(') + 1, close);
    if (command !== 'postgres') return undefined;
    const fields = stat.slice(close + 2).split(' ');
    // After the command: state is field 3, utime 14 and stime 15 (1-based in proc(5)), so indexes 11 and 12 here.
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}
