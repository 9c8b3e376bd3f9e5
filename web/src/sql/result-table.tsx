import { useState } from 'preact/hooks';
import { formatCount } from '../app/format.js';
import type { SqlAnswer } from './sql-types.js';
import { cellText, isNumericType } from './sql-values.js';

const PAGE_SIZES = [25, 50, 100, 500] as const;

/**
 * The rows of an answer, a page at a time (pages are cut here: the API returned them all at once). Wide
 * results scroll inside their own box, which takes focus so the keyboard can scroll it too.
 */
export function ResultTable({ answer }: { answer: SqlAnswer }) {
  const [size, setSize] = useState<number>(PAGE_SIZES[0]);
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(answer.rows.length / size));
  const current = Math.min(page, pages - 1);
  const first = current * size;
  const shown = answer.rows.slice(first, first + size);
  const numeric = answer.columns.map((column) => isNumericType(column.type));

  return (
    <div class="sql-result">
      <div class="sql-pager">
        <span aria-live="polite" data-testid="sql-page">
          {answer.rows.length === 0
            ? 'No rows'
            : `Rows ${formatCount(first + 1)}–${formatCount(first + shown.length)} of ${formatCount(answer.rows.length)}`}
        </span>
        <button type="button" disabled={current === 0} onClick={() => setPage(current - 1)}>
          Previous page
        </button>
        <button type="button" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
          Next page
        </button>
        <label>
          Rows per page{' '}
          <select
            value={size}
            onChange={(event) => {
              setSize(Number(event.currentTarget.value));
              setPage(0);
            }}
          >
            {PAGE_SIZES.map((one) => (
              <option key={one} value={one}>
                {one}
              </option>
            ))}
          </select>
        </label>
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it */}
      <section class="sql-table-scroll" tabIndex={0} aria-label="Result rows">
        <table class="data-table sql-table">
          <thead>
            <tr>
              {answer.columns.map((column, index) => (
                <th key={`${index}-${column.name}`} scope="col" class={numeric[index] ? 'num' : undefined}>
                  {column.name}
                  <span class="sql-type">{column.type}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row, rowIndex) => (
              <tr key={first + rowIndex}>
                {answer.columns.map((column, index) => {
                  const value = row[index];
                  return (
                    <td
                      key={`${index}-${column.name}`}
                      class={value === null ? 'null' : numeric[index] ? 'num' : undefined}
                    >
                      {cellText(value)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
