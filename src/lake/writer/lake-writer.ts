import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EventBus } from '../../bus/event-bus.js';
import type { RunningLoop } from '../../outbox/outbox-relay.js';
import { DuckSession } from '../duckdb/duck-session.js';
import { compactLake } from '../maintenance/compact-lake.js';
import { upgradeGold } from '../maintenance/upgrade-gold.js';
import { vacuumLake } from '../maintenance/vacuum-lake.js';
import type { Manifest } from '../manifest.js';
import { readManifest } from '../manifest-io.js';
import type { LakeStore } from '../store/lake-store.js';
import type { BusMessage } from './batch-intake.js';
import { ManifestEdit } from './manifest-edit.js';
import { loadOrderIndex } from './staging-step.js';
import { commitEdit, writeBatch } from './write-batch.js';

export interface LakeWriterOptions {
  /** Flush when this many events are buffered... */
  flushEvents: number;
  /** ...or when the oldest buffered event has waited this long, even if traffic stopped. */
  flushMs: number;
  lateHorizonDays: number;
  /** DuckDB's memory limit; it spills to `scratchDir` beyond it. */
  memoryMb: number;
  scratchDir: string;
  now?: () => Date;
  onFlush?: (flush: { events: number; seconds: number; manifest: Manifest }) => void;
  onError?: (error: unknown) => void;
  retryMs?: number;
  /**
   * How often, when idle, the writer merges small files and deletes unlisted ones (default 10 min).
   * The writer does it itself so maintenance never races its own manifest commits.
   */
  maintenanceMs?: number;
}

/** Unlisted files younger than this are kept: a reader may have just taken the manifest listing them. */
const VACUUM_GRACE_MS = 15 * 60_000;

/**
 * The most events one read of the bus takes. A batch is read in pages of this size: each page is
 * decoded on the event loop (on the embedded bus, PGlite runs the query on it too), so a writer
 * catching up on 50,000 events would otherwise hold a server in the same process for a second or
 * two at a time.
 */
const READ_PAGE_EVENTS = 5000;

/**
 * The lake writer: tails the bus from the manifest's cursor, buffers, and flushes every
 * `flushEvents` events or `flushMs` milliseconds through bronze, silver and gold. It does not use a
 * consumer group: its offset is the manifest's cursor, committed with the files, which is what makes
 * it exactly once. Run one writer per lake (a second one fails its commit with a manifest conflict).
 */
export function startLakeWriter(bus: EventBus, store: LakeStore, options: LakeWriterOptions): RunningLoop {
  let stopping = false;
  const stopSignal = new AbortController();
  const pause = (ms: number) => sleep(ms, undefined, { signal: stopSignal.signal }).catch(() => {});

  const loop = (async () => {
    while (!stopping) {
      let duck: DuckSession | undefined;
      try {
        duck = await openWriterDuck(options);
        const context = {
          duck,
          store,
          scratchDir: options.scratchDir,
          lateHorizonDays: options.lateHorizonDays,
          now: options.now ?? (() => new Date()),
        };
        // Gold of older definitions is recomputed before new events are taken (a no-op when current).
        let manifest = await upgradeGold(context);
        await loadOrderIndex(context, new ManifestEdit(manifest));
        let buffer: BusMessage[] = [];
        let cursor = manifest.cursor ?? '0';
        let oldestAt = 0;
        // Whether the last read found the bus drained (less than a page): until then a batch that is
        // due keeps reading up to flushEvents, as a single read of that size would have.
        let drained = true;
        // When the last flush began: what is on the bus when it ends may have waited that long.
        let flushedFrom = 0;
        let maintainedAt = Date.now();
        while (!stopping) {
          if (buffer.length === 0 && Date.now() - maintainedAt >= (options.maintenanceMs ?? 600_000)) {
            await compactLake(context, { minFiles: 8 });
            await vacuumLake(store, { graceMs: VACUUM_GRACE_MS });
            manifest = await readManifest(store);
            maintainedAt = Date.now();
          }
          const dueIn = buffer.length === 0 ? options.flushMs : oldestAt + options.flushMs - Date.now();
          if (buffer.length > 0 && (buffer.length >= options.flushEvents || (dueIn <= 0 && drained))) {
            const started = performance.now();
            flushedFrom = Date.now();
            const edit = new ManifestEdit(manifest);
            await writeBatch(context, edit, buffer);
            manifest = await commitEdit(context, edit, buffer[buffer.length - 1]?.id ?? null);
            options.onFlush?.({
              events: buffer.length,
              seconds: (performance.now() - started) / 1000,
              manifest,
            });
            buffer = [];
            continue;
          }
          const wanted = Math.min(READ_PAGE_EVENTS, options.flushEvents - buffer.length);
          const batch = await bus.tail(cursor, {
            max: wanted,
            blockMs: Math.max(0, Math.min(dueIn, 250)),
          });
          drained = batch.messages.length < wanted;
          // Events published during a flush are read only after it: they count as waiting since it
          // began, so a flush longer than flushMs is followed at once by the next, not by flushMs more.
          if (batch.messages.length > 0 && buffer.length === 0) oldestAt = flushedFrom || Date.now();
          flushedFrom = 0;
          // Not push(...messages): a page larger than V8's argument limit (~120,000) would throw.
          for (const message of batch.messages) buffer.push(message);
          cursor = batch.cursor;
        }
        // Stopping: what is buffered is not lost, it is read again from the committed cursor.
      } catch (error) {
        options.onError?.(error);
        await pause(options.retryMs ?? 1000);
      } finally {
        duck?.close();
      }
    }
  })();

  return {
    async stop() {
      stopping = true;
      stopSignal.abort();
      await loop;
    },
  };
}

/** A fresh DuckDB for the writer, spilling to its own scratch directory beyond the memory limit. */
export async function openWriterDuck(
  options: Pick<LakeWriterOptions, 'memoryMb' | 'scratchDir'>,
): Promise<DuckSession> {
  await rm(options.scratchDir, { recursive: true, force: true });
  await mkdir(options.scratchDir, { recursive: true });
  return DuckSession.open(':memory:', {
    memory_limit: `${options.memoryMb}MB`,
    temp_directory: path.join(options.scratchDir, 'duckdb-spill'),
  });
}
