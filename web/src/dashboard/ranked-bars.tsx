export interface RankedBar {
  key: string;
  label: string;
  /** The figure the bars compare, as shown. */
  value: string;
  /** The figure behind the bar's length (any unit; bars are scaled to the largest). */
  amount: number;
  /** Other figures of the row, shown small under its label. */
  detail?: string;
}

/**
 * Horizontal bars, largest first as given, each with its label and figures as text: the bar is drawing
 * only (aria-hidden), the list reads as "label, figure, details" to a screen reader.
 */
export function RankedBars({ label, bars }: { label: string; bars: readonly RankedBar[] }) {
  const max = Math.max(0, ...bars.map((bar) => bar.amount));
  return (
    <ol class="ranked-bars" aria-label={label}>
      {bars.map((bar) => (
        <li key={bar.key} data-key={bar.key}>
          <div class="ranked-bar-text">
            <span class="ranked-bar-label">{bar.label}</span>
            <span class="ranked-bar-value">{bar.value}</span>
          </div>
          <div class="ranked-bar-track" aria-hidden="true">
            <div
              class="ranked-bar-fill"
              style={{ width: `${max > 0 ? Math.max(0, (bar.amount / max) * 100) : 0}%` }}
            />
          </div>
          {bar.detail && <div class="ranked-bar-detail muted small">{bar.detail}</div>}
        </li>
      ))}
    </ol>
  );
}
