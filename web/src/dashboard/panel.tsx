import type { ComponentChildren } from 'preact';
import { ProblemView } from '../app/problem-view.js';
import type { Resource } from '../app/use-resource.js';

interface PanelProps<T> {
  id: string;
  title: string;
  resource: Resource<T>;
  /** What the report is, for the "not allowed" wording of an error. */
  what: string;
  /** Why the panel has nothing to show (e.g. "No sales in this period"), or false when it has. */
  empty: (data: T) => string | false;
  /** A visible caveat, such as a filter the report cannot apply. */
  note?: string | undefined;
  /** Controls beside the heading (e.g. a metric switch). */
  controls?: ComponentChildren;
  wide?: boolean;
  children: (data: T) => ComponentChildren;
}

/**
 * One dashboard panel over one report: its heading, then the report's figures, or its loading, empty
 * or error state — never a blank box. Figures already shown stay while a reload runs (aria-busy).
 */
export function Panel<T>({
  id,
  title,
  resource,
  what,
  empty,
  note,
  controls,
  wide,
  children,
}: PanelProps<T>) {
  const { data, error } = resource;
  const emptyText = data === undefined ? false : empty(data);
  return (
    <section
      class={`panel dash-panel${wide ? ' wide' : ''}`}
      aria-labelledby={`${id}-title`}
      aria-busy={resource.loading}
      data-panel={id}
    >
      <div class="panel-head">
        <h2 id={`${id}-title`}>{title}</h2>
        {controls}
      </div>
      {note && (
        <p class="panel-note" data-testid={`${id}-note`}>
          {note}
        </p>
      )}
      {error !== undefined ? (
        <ProblemView error={error} what={what} />
      ) : data === undefined ? (
        <p class="muted">Loading…</p>
      ) : emptyText ? (
        <p class="panel-empty" data-testid={`${id}-empty`}>
          {emptyText}
        </p>
      ) : (
        children(data)
      )}
    </section>
  );
}
