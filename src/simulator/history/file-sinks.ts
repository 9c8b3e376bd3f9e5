import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HistoryTextSink } from './history-sink.js';

/**
 * `--out PATH`: history as files instead of a Brigade's outbox, in Brigade's event envelope.
 * - a directory (existing, or a path ending in /): one NDJSON file per day,
 *   `brigade-events-YYYY-MM-DD.ndjson`, each written under a temporary name and renamed when complete,
 *   so a folder watcher (`brigade ingest dir`) never reads half a file;
 * - a file ending in `.json`: one JSON array of every event;
 * - any other file: NDJSON, one event per line.
 */
export async function fileSink(path: string): Promise<HistoryTextSink> {
  const isDir =
    path.endsWith('/') ||
    (await stat(path).then(
      (found) => found.isDirectory(),
      () => false,
    ));
  if (isDir) return dayFilesSink(path);
  return streamSink(path, path.endsWith('.json') ? 'array' : 'ndjson');
}

function dayFilesSink(dir: string): HistoryTextSink {
  return {
    async writeDay(ndjson, _events, day) {
      await mkdir(dir, { recursive: true });
      const name = `brigade-events-${day}.ndjson`;
      const partial = join(dir, `.${name}.partial`);
      await writeFile(partial, ndjson);
      await rename(partial, join(dir, name));
    },
    close: async () => {},
  };
}

/** One file written as a stream: NDJSON lines, or one JSON array. */
function streamSink(path: string, format: 'ndjson' | 'array'): HistoryTextSink {
  const out = createWriteStream(path);
  let started = false;
  let count = 0;
  const put = async (text: string | Uint8Array) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const begin = async () => {
    if (started) return;
    started = true;
    if (format === 'array') await put('[\n');
  };
  return {
    async writeDay(ndjson, events) {
      await begin();
      if (events === 0) return;
      // JSON text never holds a raw newline (JSON.stringify escapes them), so the newlines of NDJSON
      // are exactly the boundaries between events.
      if (format === 'ndjson') await put(ndjson);
      else {
        const text = Buffer.from(ndjson.buffer, ndjson.byteOffset, ndjson.byteLength).toString('utf8');
        await put(`${count > 0 ? ',\n' : ''}${text.slice(0, -1).replaceAll('\n', ',\n')}`);
      }
      count += events;
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
