import { describe, expect, it } from 'vitest';
import { eventFileFormat, parseEventFile } from '../../../src/ingest-connectors/event-file.js';
import { stableFiles } from '../../../src/ingest-connectors/stable-files.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('event files', () => {
  it('knows the formats by extension', () => {
    expect(['a.json', 'B.JSON', 'c.ndjson', 'd.jsonl', 'e.txt', 'f.json.tmp'].map(eventFileFormat)).toEqual([
      'json',
      'json',
      'ndjson',
      'ndjson',
      undefined,
      undefined,
    ]);
  });

  it('reads a JSON array, a feed page and NDJSON lines (blank lines and CRLF allowed, BOM skipped)', () => {
    expect(parseEventFile('json', bytes('[{"a":1},{"a":2}]'))).toEqual({
      ok: true,
      events: [{ a: 1 }, { a: 2 }],
    });
    expect(parseEventFile('json', bytes('\uFEFF{"events":[{"a":1}],"next_since":4}'))).toEqual({
      ok: true,
      events: [{ a: 1 }],
    });
    expect(parseEventFile('ndjson', bytes('{"a":1}\r\n\n  \n{"a":2}\n'))).toEqual({
      ok: true,
      events: [{ a: 1 }, { a: 2 }],
    });
    expect(parseEventFile('ndjson', bytes(''))).toEqual({ ok: true, events: [] });
  });

  it('refuses a whole file for one bad part, saying where', () => {
    expect(parseEventFile('json', bytes('[{"a":1},'))).toMatchObject({ ok: false, reason: /not JSON/ });
    expect(parseEventFile('json', bytes(''))).toMatchObject({ ok: false });
    expect(parseEventFile('json', bytes('{"rows":[]}'))).toMatchObject({
      ok: false,
      reason: /neither an array/,
    });
    expect(parseEventFile('ndjson', bytes('{"a":1}\n{"a":\n'))).toMatchObject({
      ok: false,
      reason: /^line 2 is not JSON/,
    });
    expect(parseEventFile('json', new Uint8Array([0x5b, 0xff, 0x5d]))).toMatchObject({
      ok: false,
      reason: 'the file is not UTF-8 text',
    });
  });
});

describe('files being written', () => {
  it('takes only files seen unchanged by the previous scan, in name order', () => {
    const previous = new Map([
      ['b.json', { name: 'b.json', size: 10, mtimeMs: 1 }],
      ['a.ndjson', { name: 'a.ndjson', size: 5, mtimeMs: 2 }],
      ['growing.json', { name: 'growing.json', size: 5, mtimeMs: 2 }],
      ['touched.json', { name: 'touched.json', size: 5, mtimeMs: 2 }],
    ]);
    const current = [
      { name: 'b.json', size: 10, mtimeMs: 1 },
      { name: 'growing.json', size: 9, mtimeMs: 3 },
      { name: 'touched.json', size: 5, mtimeMs: 4 },
      { name: 'new.json', size: 1, mtimeMs: 5 },
      { name: 'a.ndjson', size: 5, mtimeMs: 2 },
    ];
    expect(stableFiles(previous, current).map((file) => file.name)).toEqual(['a.ndjson', 'b.json']);
  });
});
