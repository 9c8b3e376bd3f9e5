import type { ComponentChildren } from 'preact';
import { TableScroll } from './table-scroll.js';

/** A column heading: its text, right-aligned for figures (`num`), or read to screen readers only. */
export type Column = string | { label: string; num?: boolean; hidden?: boolean };

/**
 * The app's data table: in its own scrolling box (TableScroll, named `label`), column headings with
 * `scope="col"`, the rows given as children, and an optional caption (for screen readers) and footer.
 */
export function DataTable(props: {
  label: string;
  columns: readonly Column[];
  caption?: string;
  class?: string;
  testId?: string;
  foot?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <TableScroll label={props.label}>
      <table class={props.class ? `data-table ${props.class}` : 'data-table'} data-testid={props.testId}>
        {props.caption && <caption class="visually-hidden">{props.caption}</caption>}
        <thead>
          <tr>
            {props.columns.map((column) => {
              const { label, num, hidden } = typeof column === 'string' ? { label: column } : column;
              return (
                <th key={label} scope="col" class={num ? 'num' : undefined}>
                  {hidden ? <span class="visually-hidden">{label}</span> : label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
        {props.foot && <tfoot>{props.foot}</tfoot>}
      </table>
    </TableScroll>
  );
}
