import { ApiProblem } from '../api/api-problem.js';

/**
 * The API's field errors (problem+json `errors: [{field: 'body/priceMinor', message}]`, and a conflict's
 * `field` extension such as the SKU's) keyed by the path below the body — `priceMinor`,
 * `options/0/name` — so a form can show each message next to its field.
 */
export type FieldMessages = Map<string, string[]>;

export function fieldMessages(error: unknown): FieldMessages {
  const messages: FieldMessages = new Map();
  if (!(error instanceof ApiProblem)) return messages;
  const add = (path: string, message: string) => {
    const key = path.replace(/^body\/?/, '');
    messages.set(key, [...(messages.get(key) ?? []), message]);
  };
  for (const one of error.body.errors ?? []) add(one.field, one.message);
  const conflictField = (error.body as { field?: unknown }).field;
  if (typeof conflictField === 'string') add(conflictField, error.body.detail ?? error.message);
  return messages;
}

/** The messages about a field or anything inside it (`allergens` also collects `allergens/2`). */
export function messagesFor(messages: FieldMessages, field: string): string[] {
  const found: string[] = [];
  for (const [key, list] of messages) {
    if (key === field || key.startsWith(`${field}/`)) found.push(...list);
  }
  return found;
}

/** Messages about fields the form does not show (or about the body as a whole), for a summary. */
export function messagesElsewhere(messages: FieldMessages, shown: readonly string[]): [string, string[]][] {
  return [...messages].filter(
    ([key]) => !shown.some((field) => key === field || key.startsWith(`${field}/`)),
  );
}
