import { ApiProblem } from '../api/api-problem.js';
import { lineAndColumn, problemPosition } from './sql-position.js';

export interface SqlProblemProps {
  error: unknown;
  id: string;
  /** The SQL that was sent, to turn the parser's offset into a line and column. */
  sql: string;
  /** Puts the editor's cursor at this offset of the SQL sent. */
  onGoTo: (offset: number) => void;
}

/**
 * Why a query was refused or failed, as the API said it: status, stable code (sql_invalid,
 * sql_not_allowed, sql_failed, sql_timeout…), title and DuckDB's message (kept as written, in
 * monospace); for a parse error, the line and column where the parser stopped, with a button that
 * takes the cursor there.
 */
export function SqlProblem({ error, id, sql, onGoTo }: SqlProblemProps) {
  if (!(error instanceof ApiProblem)) {
    return (
      <div class="problem sql-problem" id={id} role="alert">
        <h2>Cannot reach Brigade</h2>
        <p>{error instanceof Error ? error.message : String(error)}</p>
      </div>
    );
  }
  const detail = error.body.detail ?? '';
  const offset = problemPosition(error.body);
  const at = offset === null ? null : lineAndColumn(sql, offset);
  return (
    <div class="problem sql-problem" id={id} role="alert" data-code={error.code}>
      <h2>{error.body.title ?? 'The query did not run'}</h2>
      <dl class="problem-details">
        <dt>Code</dt>
        <dd>
          <code data-testid="sql-error-code">{error.code}</code>
        </dd>
        <dt>Status</dt>
        <dd>{error.status}</dd>
        {at && (
          <>
            <dt>Where</dt>
            <dd data-testid="sql-error-where">
              line {at.line}, column {at.column}
            </dd>
          </>
        )}
      </dl>
      {detail && <pre class="sql-detail">{detail}</pre>}
      {offset !== null && (
        <button type="button" onClick={() => onGoTo(offset)}>
          Show in the editor
        </button>
      )}
      {error.body.errors?.map((one) => (
        <p key={one.field} class="small">
          <code>{one.field}</code>: {one.message}
        </p>
      ))}
    </div>
  );
}
