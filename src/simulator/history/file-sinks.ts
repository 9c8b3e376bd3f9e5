import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventEnvelope } from '../../domain/events/envelope.js';
import type { HistorySink } from './history-sink.js';

/**
 * `--out PATH`: history as files instead of a Brigade's outbox, in Brigade's event envelope.
 * - a directory (existing, or a path ending in /): one NDJSON file per day,
 *   `brigade-events-YYYY-MM-DD.ndjson`, each written under a temporary name and renamed when complete,
 *   so a folder watcher (`brigade ingest dir`) never reads half a file;
 * - a file ending in `.json`: one JSON array of every event;
 * - any other file: NDJSON, one event per line.
 */
export async function fileSink(path: string): Promise<HistorySink> {
  const isDir =
    path.endsWith('/') ||
    (await stat(path).then(
      (found) => found.isDirectory(),
      () => false,
    ));
  if (isDir) return dayFilesSink(path);
  return streamSink(path, path.endsWith('.json') ? 'array' : 'ndjson');
}

function dayFilesSink(dir: string): HistorySink {
  return {
    async write(events, day) {
      await mkdir(dir, { recursive: true });
      const name = `brigade-events-${day}.ndjson`;
      const partial = join(dir, `.${name}.partial`);
      await writeFile(partial, events.map((event) => `${JSON.stringify(event)}\n`).join(''));
      await rename(partial, join(dir, name));
    },
    close: async () => {},
  };
}

/** One file written as a stream: NDJSON lines, or one JSON array. */
function streamSink(path: string, format: 'ndjson' | 'array'): HistorySink {
  const out = createWriteStream(path);
  let started = false;
  let count = 0;
  const put = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const begin = async () => {
    if (started) return;
    started = true;
    if (format === 'array') await put('[\n');
  };
  return {
    async write(events: readonly EventEnvelope[]) {
      await begin();
      for (const event of events) {
        const json = JSON.stringify(event);
        await put(format === 'ndjson' ? `${json}\n` : `${count > 0 ? ',\n' : ''}${json}`);
        count += 1;
      }
    },
    async close() {
      await begin();
      if (format === 'array') await put('\n]\n');
      await new Promise<void>((resolve, reject) =>
        out.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
    },
  };
}
