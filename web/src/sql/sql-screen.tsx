import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/api-client.js';
import { formatCount } from '../app/format.js';
import { ProblemView } from '../app/problem-view.js';
import { saveFile } from '../app/save-file.js';
import { useResource } from '../app/use-resource.js';
import { QuickChart } from './quick-chart.js';
import { ResultTable } from './result-table.js';
import { toCsv } from './sql-csv.js';
import { SQL_EXAMPLES } from './sql-examples.js';
import { SqlProblem } from './sql-problem.js';
import type { SqlAnswer, SqlTable, SqlTables } from './sql-types.js';
import { numericColumns } from './sql-values.js';
import { TableList } from './table-list.js';
import './sql.css';

/** Rows asked for; the server caps them at its own limit (`sqlMaxRows`, 10,000 by default). */
const ROW_LIMITS = [100, 1000, 10_000] as const;
const DEFAULT_LIMIT = 1000;
const FIRST_QUERY = SQL_EXAMPLES[0]?.sql ?? '';

interface Run {
  /** Tells runs apart, so a new answer starts on its first page. */
  id: number;
  sql: string;
  answer: SqlAnswer;
  roundTripMs: number;
}

/**
 * The owner's SQL console over the business's lake views (docs/analytics.md#ad-hoc-sql): an editor
 * (Ctrl/Cmd+Enter runs; the text is kept for the tab in sessionStorage), the views and their columns, the
 * answer in pages, a quick chart and a CSV download. The API decides who may run SQL and what SQL may
 * do; its refusals are shown with their code next to the editor.
 */
export function SqlScreen({ businessId }: { businessId: string }) {
  const base = `/api/v1/businesses/${businessId}/analytics/sql`;
  const storageKey = `brigade.sql.${businessId}`;
  const tables = useResource(() => api<SqlTables>('GET', `${base}/tables`), businessId);
  const [sql, setSql] = useState(() => readStored(storageKey) ?? FIRST_QUERY);
  const [limit, setLimit] = useState(DEFAULT_LIMIT);
  const [run, setRun] = useState<Run | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  /** What the last run sent, and where it started in the editor's text (leading blanks are trimmed). */
  const [sent, setSent] = useState({ text: '', start: 0 });
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [now, setNow] = useState(Date.now());
  const [chart, setChart] = useState(false);
  const editor = useRef<HTMLTextAreaElement>(null);
  const runs = useRef(0);

  useEffect(() => {
    try {
      window.sessionStorage.setItem(storageKey, sql);
    } catch {
      // Storage full or disabled: the console works without remembering the text.
    }
  }, [storageKey, sql]);

  // The running clock: ticks only while a query is out.
  useEffect(() => {
    if (startedAt === null) return;
    const timer = window.setInterval(() => setNow(Date.now()), 100);
    return () => window.clearInterval(timer);
  }, [startedAt]);

  if (tables.error !== undefined && !tables.data) {
    return (
      <section class="screen">
        <h1>SQL console</h1>
        <ProblemView error={tables.error} what="query this business's data with SQL" />
      </section>
    );
  }

  const running = startedAt !== null;
  const execute = async () => {
    const text = sql.trim();
    if (running || text === '') return;
    const started = Date.now();
    setSent({ text, start: sql.indexOf(text) });
    setStartedAt(started);
    setNow(started);
    setError(undefined);
    try {
      const answer = await api<SqlAnswer>('POST', base, { sql: text, limit });
      runs.current += 1;
      setRun({ id: runs.current, sql: text, answer, roundTripMs: Date.now() - started });
    } catch (caught) {
      // The refusal replaces the last answer, so nothing on screen looks like this query's result.
      setRun(null);
      setError(caught);
    } finally {
      setStartedAt(null);
    }
  };

  /** Puts `text` where the cursor is (replacing a selection) and leaves the cursor after it. */
  const insert = (text: string) => {
    const area = editor.current;
    const start = area?.selectionStart ?? sql.length;
    const end = area?.selectionEnd ?? sql.length;
    setSql(sql.slice(0, start) + text + sql.slice(end));
    window.requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(start + text.length, start + text.length);
    });
  };
  const chooseTable = (table: SqlTable) => {
    if (sql.trim() === '') {
      setSql(`SELECT *\nFROM ${table.name}\nLIMIT 100`);
      window.requestAnimationFrame(() => editor.current?.focus());
    } else insert(table.name);
  };

  const answer = run?.answer;
  const chartable =
    answer !== undefined && answer.rows.length > 0 && numericColumns(answer.columns).length > 0;
  return (
    <section class="screen sql-screen" aria-labelledby="sql-title">
      <div class="screen-head">
        <h1 id="sql-title">SQL console</h1>
        <p class="muted small">
          Read-only SQL (DuckDB) over this business's silver and gold views; one SELECT at a time.
        </p>
      </div>
      <div class="sql-layout">
        <div class="sql-main">
          <form
            class="sql-form"
            onSubmit={(event) => {
              event.preventDefault();
              void execute();
            }}
          >
            <div class="sql-form-head">
              <label for="sql-text">Query</label>
              <label class="sql-example">
                <span>Start from an example</span>
                <select
                  value=""
                  onChange={(event) => {
                    const chosen = SQL_EXAMPLES[Number(event.currentTarget.value)];
                    if (chosen) setSql(chosen.sql);
                    event.currentTarget.value = '';
                  }}
                >
                  <option value="" disabled>
                    Choose…
                  </option>
                  {SQL_EXAMPLES.map((example, index) => (
                    <option key={example.label} value={index}>
                      {example.label}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <textarea
              id="sql-text"
              ref={editor}
              class="sql-editor"
              rows={8}
              spellcheck={false}
              autocapitalize="off"
              autocomplete="off"
              value={sql}
              aria-describedby={error !== undefined ? 'sql-help sql-error' : 'sql-help'}
              aria-invalid={error !== undefined}
              onInput={(event) => setSql(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                  event.preventDefault();
                  void execute();
                }
              }}
            />
            <p id="sql-help" class="muted small">
              Ctrl+Enter (⌘+Enter on a Mac) runs the query. Tables and columns are listed beside the editor.
            </p>
            <div class="sql-actions">
              <button type="submit" class="primary" disabled={running || sql.trim() === ''}>
                {running ? 'Running…' : 'Run'}
              </button>
              <label>
                Row limit{' '}
                <select value={limit} onChange={(event) => setLimit(Number(event.currentTarget.value))}>
                  {ROW_LIMITS.map((one) => (
                    <option key={one} value={one}>
                      {formatCount(one)}
                    </option>
                  ))}
                </select>
              </label>
              <span class="sql-status" aria-live="polite" data-testid="sql-status">
                {running
                  ? `Running for ${((now - (startedAt ?? now)) / 1000).toFixed(1)} s`
                  : run
                    ? `${formatCount(run.answer.row_count)} ${run.answer.row_count === 1 ? 'row' : 'rows'} · ${formatCount(run.answer.elapsed_ms)} ms on the server, ${formatCount(run.roundTripMs)} ms in all`
                    : ''}
              </span>
            </div>
          </form>
          {error !== undefined && (
            <SqlProblem
              error={error}
              id="sql-error"
              sql={sent.text}
              onGoTo={(offset) => {
                const at = sent.start + offset;
                editor.current?.focus();
                editor.current?.setSelectionRange(at, at);
              }}
            />
          )}
          {run && answer && (
            <section class="panel sql-answer" aria-labelledby="sql-answer-title">
              <div class="panel-head">
                <h2 id="sql-answer-title">Result</h2>
                <div class="toolbar">
                  {chartable && (
                    <button type="button" aria-pressed={chart} onClick={() => setChart(!chart)}>
                      Chart
                    </button>
                  )}
                  <button type="button" onClick={() => downloadCsv(answer)}>
                    Download CSV
                  </button>
                </div>
              </div>
              {answer.truncated && (
                <p class="notice" data-testid="sql-truncated">
                  Truncated: the query has more rows than the limit of {formatCount(answer.row_count)}; only
                  those are shown, charted and downloaded. Narrow the query or raise the row limit.
                </p>
              )}
              {chart && chartable && <QuickChart key={run.id} answer={answer} />}
              <ResultTable key={run.id} answer={answer} />
            </section>
          )}
        </div>
        <aside class="sql-side">
          {tables.data ? (
            <TableList tables={tables.data.tables} onTable={chooseTable} onColumn={insert} />
          ) : (
            <p class="muted">Loading tables…</p>
          )}
        </aside>
      </div>
    </section>
  );
}

function readStored(key: string): string | null {
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

/** The answer as a CSV file, made in the browser from the rows the API returned. */
function downloadCsv(answer: SqlAnswer) {
  const csv = toCsv(
    answer.columns.map((column) => column.name),
    answer.rows,
  );
  saveFile(
    csv,
    `brigade-sql-${new Date().toISOString().slice(0, 19).replaceAll(':', '-')}.csv`,
    'text/csv;charset=utf-8',
  );
}
