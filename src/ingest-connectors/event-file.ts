/** The files `brigade ingest dir` reads, by extension: a JSON document, or one JSON event per line. */
export type EventFileFormat = 'json' | 'ndjson';

export function eventFileFormat(fileName: string): EventFileFormat | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  return undefined;
}

export type ParsedEventFile = { ok: true; events: unknown[] } | { ok: false; reason: string };

/**
 * The events of a file: a `.json` file holds an array of events or `{"events": [...]}` (a page of an
 * event feed, as saved from Brigade's or the stream-stack one); a `.ndjson` / `.jsonl` file one event
 * per line (blank lines are skipped). A file is read whole or not at all: one unreadable line makes
 * the whole file bad, so a file is never half ingested for being half broken.
 */
export function parseEventFile(format: EventFileFormat, bytes: Uint8Array): ParsedEventFile {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, reason: 'the file is not UTF-8 text' };
  }
  return format === 'json' ? parseJson(text) : parseLines(text);
}

function parseJson(text: string): ParsedEventFile {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `the file is not JSON: ${(error as Error).message}` };
  }
  if (Array.isArray(document)) return { ok: true, events: document };
  const events =
    typeof document === 'object' && document !== null ? (document as { events?: unknown }).events : undefined;
  if (Array.isArray(events)) return { ok: true, events };
  return { ok: false, reason: 'the JSON is neither an array of events nor {"events": [...]}' };
}

function parseLines(text: string): ParsedEventFile {
  const events: unknown[] = [];
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    try {
      events.push(JSON.parse(line));
    } catch (error) {
      return { ok: false, reason: `line ${index + 1} is not JSON: ${(error as Error).message}` };
    }
  }
  return { ok: true, events };
}
