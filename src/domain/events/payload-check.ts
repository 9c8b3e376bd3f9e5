import type { TSchema } from '@sinclair/typebox';
import { type TypeCheck, TypeCompiler } from '@sinclair/typebox/compiler';
import { EVENT_CATALOG } from './catalog.js';

const checks = new Map<string, TypeCheck<TSchema>>(
  Object.entries(EVENT_CATALOG).map(([type, entry]) => [type, TypeCompiler.Compile(entry.payload)]),
);

/**
 * What is wrong with a payload for its catalog type (at most `limit` problems; empty when it is
 * valid). Used by the outbox writer, which refuses to write a broken event, and by the bus reader,
 * which dead-letters one from a foreign producer.
 */
export function payloadProblems(type: string, payload: unknown, limit = 5): string[] {
  const check = checks.get(type);
  if (!check) return ['unknown event type'];
  if (check.Check(payload)) return [];
  return [...check.Errors(payload)].slice(0, limit).map((error) => `${error.path} ${error.message}`);
}
