import type { EventBus } from '../../src/bus/event-bus.js';
import type { Manifest } from '../../src/lake/manifest.js';
import { readManifest } from '../../src/lake/manifest-io.js';
import type { LakeStore } from '../../src/lake/store/lake-store.js';
import { type LakeWriterOptions, startLakeWriter } from '../../src/lake/writer/lake-writer.js';

/**
 * Runs the real lake writer on `store` until its committed cursor is the newest message on the bus,
 * then stops it and returns that manifest. A writer error fails the caller at once.
 */
export async function runLakeWriterUntilCaughtUp(
  bus: EventBus,
  store: LakeStore,
  options: Pick<LakeWriterOptions, 'lateHorizonDays' | 'scratchDir'> & Partial<LakeWriterOptions>,
  timeoutMs = 30_000,
): Promise<Manifest> {
  const head = (await bus.newest())?.id ?? null;
  const failures: unknown[] = [];
  const writer = startLakeWriter(bus, store, {
    flushEvents: 10_000,
    flushMs: 20,
    memoryMb: 256,
    ...options,
    onError: (error) => failures.push(error),
  });
  try {
    for (let waited = 0; ; waited += 20) {
      if (failures.length > 0) throw failures[0];
      const manifest = await readManifest(store);
      if (manifest.cursor === head) return manifest;
      if (waited > timeoutMs) throw new Error(`the lake writer did not reach ${head}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await writer.stop();
  }
}
