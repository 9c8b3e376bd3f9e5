import type { FieldError } from '../errors/app-error.js';

/** A validation error already worded for clients, with the schema location Ajv found it at. */
export interface LocatedError {
  schemaPath: string;
  keyword: string;
  error: FieldError;
}

/**
 * With `allErrors`, a value that fits none of an `anyOf`'s forms gets the errors of every form: a tip
 * of `{ "percentBps": "abc" }` was told that percentBps must be an integer, that amountMinor is
 * required and that percentBps is not allowed at all. This keeps what helps: the errors of the form
 * that came closest (fewest errors), or, when forms tie, the errors they share plus one error at the
 * `anyOf` naming what each form lacks. Inner `anyOf`s are settled before the ones around them.
 */
export function explainAnyOf(located: readonly LocatedError[]): FieldError[] {
  let entries = [...located];
  const anyOfs = entries
    .filter((entry) => entry.keyword === 'anyOf')
    .sort((a, b) => b.schemaPath.length - a.schemaPath.length);
  for (const anyOf of anyOfs) {
    const prefix = `${anyOf.schemaPath}/`;
    const branches = new Map<string, LocatedError[]>();
    for (const entry of entries) {
      if (!entry.schemaPath.startsWith(prefix)) continue;
      const branch = entry.schemaPath.slice(prefix.length).split('/')[0] ?? '';
      branches.set(branch, [...(branches.get(branch) ?? []), entry]);
    }
    if (branches.size === 0) continue;
    const fewest = Math.min(...[...branches.values()].map((errors) => errors.length));
    const closest = [...branches.values()].filter((errors) => errors.length === fewest);
    const kept = closest.length === 1 ? (closest[0] ?? []) : settleTie(anyOf, closest);
    entries = entries.flatMap((entry) => {
      if (entry === anyOf) return kept;
      return entry.schemaPath.startsWith(prefix) ? [] : [entry];
    });
  }
  return entries.map((entry) => entry.error);
}

/** Forms equally close: what they all complain about, then one error listing the rest per form. */
function settleTie(anyOf: LocatedError, forms: readonly LocatedError[][]): LocatedError[] {
  const key = (entry: LocatedError) => `${entry.error.field}\u0000${entry.error.message}`;
  const sharedKeys = [...new Set(forms[0]?.map(key))].filter((candidate) =>
    forms.every((errors) => errors.some((entry) => key(entry) === candidate)),
  );
  const shared = (forms[0] ?? []).filter((entry) => sharedKeys.includes(key(entry)));
  const unique = new Map(shared.map((entry) => [key(entry), entry]));
  const at = anyOf.error.field;
  const wants = forms
    .map((errors) =>
      errors
        .filter((entry) => !sharedKeys.includes(key(entry)))
        .map(({ error }) => {
          const relative = error.field.startsWith(`${at}/`) ? error.field.slice(at.length + 1) : '';
          return relative ? `${relative} ${error.message}` : error.message;
        })
        .join(', '),
    )
    .filter((want) => want !== '');
  const distinct = [...new Set(wants)];
  const explained = [...unique.values()];
  if (distinct.length === 0) return explained;
  return [
    ...explained,
    { ...anyOf, error: { field: at, message: `must match one of its forms: ${distinct.join('; or ')}` } },
  ];
}
