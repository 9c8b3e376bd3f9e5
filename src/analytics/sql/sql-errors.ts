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
  context: { timedOut: boolean; paths: ReadonlyMap<string, string> },
): AppError {
  if (error instanceof AppError) return error;
  const message = redact(error instanceof Error ? error.message : String(error), context.paths);
  if (context.timedOut || /^INTERRUPT Error/i.test(message)) {
    return new AppError('sql_timeout', 'The query ran past the time limit and was stopped');
  }
  // The sandbox refusing a file means the query reached for something the checks should have caught.
  if (/^Permission Error/i.test(message)) return new AppError('sql_not_allowed', message);
  if (/^Parser Error/i.test(message)) return new AppError('sql_invalid', message);
  return new AppError('sql_failed', message);
}

/** Replaces the tenant's file paths by their lake keys, and any other absolute path by a placeholder. */
export function redact(message: string, paths: ReadonlyMap<string, string>): string {
  let text = message;
  for (const [path, key] of paths) text = text.split(path).join(key);
  text = text.replace(/(?<![\w.])\/(?:[^\s'"/]+\/)+[^\s'"]*/g, '<path>');
  const firstLines = text.split('\n').slice(0, 6).join('\n').trim();
  return firstLines.length > MAX_DETAIL ? `${firstLines.slice(0, MAX_DETAIL)}…` : firstLines;
}
