import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { exampleEnvelope, examplePayload, renderEventDocs } from '../../scripts/event-docs.js';
import { EVENT_CATALOG, type EventType } from '../../src/domain/events/catalog.js';
import { INGEST_REJECTIONS } from '../../src/domain/ingest/ingest-outcome.js';
import { ERROR_CODES, type ErrorCode } from '../../src/errors/error-codes.js';

/**
 * Documentation that cannot drift: docs/events.md is generated from the event catalog and must equal
 * a fresh rendering; docs/errors.md is written by hand but must list exactly the codes in ERROR_CODES.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');

describe('docs/events.md', () => {
  it('is the rendering of the current event catalog', () => {
    expect(read('docs/events.md'), 'docs/events.md is stale: run npm run docs:events').toBe(
      renderEventDocs(),
    );
  });

  it.each(Object.keys(EVENT_CATALOG) as EventType[])('documents a valid example payload for %s', (type) => {
    const schema = EVENT_CATALOG[type].payload;
    const example = examplePayload(type);
    expect([...Value.Errors(schema, example)].map((error) => `${error.path} ${error.message}`)).toEqual([]);
    expect(Value.Check(schema, example)).toBe(true);
  });

  it('documents an envelope whose payload matches its type', () => {
    const envelope = exampleEnvelope();
    const type = envelope.event_type as EventType;
    expect(Value.Check(EVENT_CATALOG[type].payload, envelope.payload)).toBe(true);
    expect(envelope.version).toBe(EVENT_CATALOG[type].version);
  });
});

/** `| \`code\` | 409 | Title | When |` rows of the code table. */
function documentedCodes(doc: string): Map<string, { status: number; row: string }> {
  const rows = new Map<string, { status: number; row: string }>();
  for (const row of doc.split('\n')) {
    const match = /^\|\s*`([a-z_]+)`\s*\|\s*(\d{3})\s*\|/.exec(row);
    if (match?.[1] && match[2]) rows.set(match[1], { status: Number(match[2]), row });
  }
  return rows;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('docs/errors.md', () => {
  const doc = read('docs/errors.md');
  const documented = documentedCodes(doc);
  const codes = Object.keys(ERROR_CODES) as ErrorCode[];

  it.each(codes)('documents %s with its status and title', (code) => {
    const entry = documented.get(code);
    expect(entry, `docs/errors.md has no table row for \`${code}\``).toBeDefined();
    expect(entry?.status).toBe(ERROR_CODES[code].status);
    expect(entry?.row).toContain(ERROR_CODES[code].title);
  });

  it('documents no code that does not exist', () => {
    expect([...documented.keys()].filter((code) => !(code in ERROR_CODES))).toEqual([]);
  });

  const sources = sourceFiles(join(root, 'src')).map((path) => ({
    path: relative(root, path),
    text: readFileSync(path, 'utf8'),
  }));

  // A code outside ERROR_CODES cannot be thrown at all: AppError takes an ErrorCode (the typecheck).
  it('has no dead codes: each is produced somewhere in src/', () => {
    // Codes also travel as values (`code: 'item_unknown'` in domain results rethrown as AppError), so a
    // quoted occurrence anywhere outside the registry counts as a use; the HTTP layer's own codes are
    // quoted in src/http/problem.ts.
    const elsewhere = sources.filter(({ path }) => !path.endsWith(join('errors', 'error-codes.ts')));
    const unused = codes.filter((code) => !elsewhere.some(({ text }) => text.includes(`'${code}'`)));
    expect(unused).toEqual([]);
  });
});

describe('docs/ingestion.md', () => {
  const doc = read('docs/ingestion.md');
  const section = doc.slice(
    doc.indexOf('### Rejections'),
    doc.indexOf('\n### ', doc.indexOf('### Rejections') + 1),
  );
  const documented = [...section.matchAll(/^\|\s*`([a-z_]+)`\s*\|/gm)].map((match) => match[1]);

  it('lists exactly the ingest rejection codes', () => {
    expect([...documented].sort()).toEqual(Object.keys(INGEST_REJECTIONS).sort());
  });

  it('has no dead rejection codes: each is produced somewhere in src/domain/ingest or src/services/ingest', () => {
    const texts = [join(root, 'src/domain/ingest'), join(root, 'src/services/ingest')]
      .flatMap(sourceFiles)
      .filter((path) => !path.endsWith('ingest-outcome.ts'))
      .map((path) => readFileSync(path, 'utf8'));
    const unused = Object.keys(INGEST_REJECTIONS).filter(
      (code) => !texts.some((text) => text.includes(`'${code}'`)),
    );
    expect(unused).toEqual([]);
  });
});
