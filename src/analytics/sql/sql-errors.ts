import { AppError } from '../../errors/app-error.js';

/** DuckDB messages can be long (query plans, candidate lists); clients get the gist. */
const MAX_DETAIL = 500;

/**
 * Turns a DuckDB failure of ad-hoc SQL into a coded problem. Messages are DuckDB's own (the client
 * wrote the SQL and needs them) with file paths replaced: a message must not reveal where the lake
 * lives on this server.
 */
export function sqlFailure(
  error: unknown,
  context: { timedOut: boolean; paths: ReadonlyMap<string, string>; wrapperHead?: string },
): AppError {
  if (error instanceof AppError) return error;
  const raw = error instanceof Error ? error.message : String(error);
  const message = redact(withoutWrapper(raw, context.wrapperHead ?? ''), context.paths);
  if (context.timedOut || /^INTERRUPT Error/i.test(message)) {
    return new AppError('sql_timeout', 'The query ran past the time limit and was stopped');
  }
  // The sandbox refusing a file means the query reached for something the checks should have caught.
  if (/^Permission Error/i.test(message)) return new AppError('sql_not_allowed', message);
  if (/^Parser Error/i.test(message)) return new AppError('sql_invalid', message);
  return new AppError('sql_failed', message);
}

/**
 * DuckDB quotes the line it failed on with a caret under the spot: on line 1 that quote begins with
 * the row-limit wrapper's `SELECT * FROM (`, which the client never wrote. Takes it out of the quote
 * and moves the caret back by as much.
 */
export function withoutWrapper(message: string, head: string): string {
  if (head === '') return message;
  const lines = message.split('\n');
  const quoted = `LINE 1: ${head}`;
  const at = lines.findIndex((line) => line.startsWith(quoted));
  if (at < 0) return message;
  lines[at] = `LINE 1: ${lines[at]?.slice(quoted.length)}`;
  const caret = lines[at + 1];
  if (caret !== undefined && /^ *\^ *$/.test(caret)) {
    lines[at + 1] = caret.slice(Math.min(head.length, Math.max(0, caret.indexOf('^') - 'LINE 1: '.length)));
  }
  return lines.join('\n');
}

/** Replaces the tenant's file paths by their lake keys, and any other absolute path by a placeholder. */
export function redact(message: string, paths: ReadonlyMap<string, string>): string {
  let text = message;
  for (const [path, key] of paths) text = text.split(path).join(key);
  text = text.replace(/(?<![\w.])\/(?:[^\s'"/]+\/)+[^\s'"]*/g, '<path>');
  const firstLines = text.split('\n').slice(0, 6).join('\n').trim();
  return firstLines.length > MAX_DETAIL ? `${firstLines.slice(0, MAX_DETAIL)}…` : firstLines;
}
