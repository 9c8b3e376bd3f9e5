import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { logBatch } from './batch-log.js';
import { addCounts, type BatchItem, describeCounts } from './batch-summary.js';
import { commitBatch } from './commit-batch.js';
import type { ConnectorContext } from './connector-context.js';
import { ConnectorError } from './connector-error.js';
import { eventFileFormat, parseEventFile } from './event-file.js';
import { type FileKey, type FileRecord, fileStep, findFile, recordUnreadable } from './loaded-files.js';
import { pause } from './pause.js';
import { quarantineFile } from './quarantine.js';
import { retryLoop } from './retry-loop.js';
import { SourceUnavailable } from './source-client.js';
import { type SeenFile, stableFiles } from './stable-files.js';

export interface DirWatcherOptions {
  dir: string;
  /** Most events per transaction (1–1000); a larger file takes several, its progress kept with each. */
  batchSize: number;
  /** Time between two scans of the folder. */
  intervalMs: number;
  /** Larger files are quarantined unread (a file is read whole into memory). */
  maxFileBytes?: number;
}

const DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024;
/** Rejections quoted in a quarantined file's reason.txt. */
const MAX_DETAILS = 20;

/**
 * `brigade ingest dir`: scans a folder every interval and ingests the `.json` / `.ndjson` files that
 * stayed the same between two scans, in name order, each remembered by name and content hash in this
 * Brigade's database (with the events, in their transaction). Unreadable files, and files none of
 * whose events were taken, go to `quarantine/` with a reason. Runs until stopped.
 */
export async function runDirWatcher(context: ConnectorContext, options: DirWatcherOptions): Promise<void> {
  const info = await stat(options.dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new ConnectorError('ingest_dir_unreadable', `${options.dir} is not a folder this process can read`);
  }
  let previous = new Map<string, SeenFile>();
  /** Files dealt with, by the version (size and time) dealt with: not read again until they change. */
  const done = new Map<string, string>();
  const version = (file: SeenFile) => `${file.size}:${file.mtimeMs}`;
  await retryLoop(context.signal, context.logger, async () => {
    const seen = await scan(options.dir);
    const ready = stableFiles(previous, seen);
    previous = new Map(seen.map((file) => [file.name, file]));
    for (const name of done.keys()) if (!previous.has(name)) done.delete(name);
    for (const file of ready) {
      if (context.signal.aborted) return;
      if (done.get(file.name) === version(file)) continue;
      if (await takeFile(context, options, file)) done.set(file.name, version(file));
    }
    await pause(options.intervalMs, context.signal);
  });
}

/** The candidate files: regular files with an event file extension, not hidden. */
async function scan(dir: string): Promise<SeenFile[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new SourceUnavailable(`cannot list ${dir}: ${(error as Error).message}`, { cause: error });
  }
  const files: SeenFile[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || entry.name.startsWith('.') || !eventFileFormat(entry.name)) continue;
    const info = await stat(path.join(dir, entry.name)).catch(() => undefined);
    if (info) files.push({ name: entry.name, size: info.size, mtimeMs: info.mtimeMs });
  }
  return files;
}

/**
 * Ingests one file (or the rest of it), or quarantines it. Returns false when the file is to be looked
 * at again (it changed or vanished under us, or the connector is stopping mid-file).
 */
async function takeFile(
  context: ConnectorContext,
  options: DirWatcherOptions,
  file: SeenFile,
): Promise<boolean> {
  const { db, connector, logger } = context;
  const format = eventFileFormat(file.name);
  const bytes = await readFile(path.join(options.dir, file.name)).catch(() => undefined);
  if (!format || !bytes || bytes.length !== file.size) return false;
  const key: FileKey = {
    connector: connector.name,
    fileName: file.name,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
  const quarantine = async (reason: string, details: string[] = []) => {
    const moved = await quarantineFile(options.dir, file.name, { ...key, reason, details });
    logger.warn({ file: file.name, movedTo: moved, reason }, 'file quarantined');
  };

  const record = await findFile(db, key);
  if (record?.status === 'loaded') return true;
  if (record?.status === 'quarantined') {
    await quarantine(record.reason ?? 'quarantined earlier');
    return true;
  }
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const parsed =
    bytes.length > maxBytes
      ? { ok: false as const, reason: `the file is larger than ${maxBytes} bytes` }
      : parseEventFile(format, bytes);
  if (!parsed.ok) {
    await recordUnreadable(db, key, bytes.length, parsed.reason);
    await quarantine(parsed.reason);
    return true;
  }

  const loaded = await loadEvents(
    context,
    options.batchSize,
    key,
    bytes.length,
    parsed.events,
    record?.eventsDone ?? 0,
  );
  if (!loaded) return false;
  const { settled, details } = loaded;
  if (settled.status === 'quarantined') {
    await quarantine(settled.reason ?? 'every event was rejected', details);
    return true;
  }
  const { events, accepted, duplicates, rejected } = settled;
  logger.info({ file: file.name, events, accepted, duplicates, rejected }, 'file loaded');
  return true;
}

/**
 * Ingests a file's events from `from` on, `batchSize` per transaction, each with the file's progress.
 * Returns how the file settled and the first rejections (for a quarantine reason), or undefined when
 * the connector is stopping mid-file (the next run goes on from the last batch committed).
 */
async function loadEvents(
  context: ConnectorContext,
  batchSize: number,
  key: FileKey,
  sizeBytes: number,
  events: unknown[],
  from: number,
): Promise<{ settled: FileRecord; details: string[] } | undefined> {
  const { db, connector, logger, signal } = context;
  if (from > 0) logger.info({ file: key.fileName, from, events: events.length }, 'resuming a file');
  const byCode: Record<string, number> = {};
  const details: string[] = [];
  for (let start = from; ; ) {
    const to = Math.min(start + batchSize, events.length);
    const items: BatchItem[] = events
      .slice(start, to)
      .map((event, index) => ({ event, position: `${key.fileName} #${start + index}` }));
    const step = fileStep(key, { sizeBytes, total: events.length, from: start, to }, (totals, last) => {
      const counts = addCounts({ ...byCode }, last.rejectedByCode);
      return `every one of its ${totals.events} events was rejected (${describeCounts(counts)})`;
    });
    const summary = await commitBatch(db, connector, items, step);
    logBatch(logger, { file: key.fileName, from: start, to }, summary);
    addCounts(byCode, summary.rejectedByCode);
    for (const rejection of summary.rejections.slice(0, MAX_DETAILS - details.length)) {
      details.push(`${rejection.position} ${rejection.code}: ${rejection.reason}`);
    }
    const settled = step.settled();
    if (settled) return { settled, details };
    if (signal.aborted) return undefined;
    start = to;
  }
}
