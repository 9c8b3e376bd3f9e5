import type { SalesSummary } from '../api/api-types.js';
import { formatCount, formatMoney } from '../app/format.js';
import { minorDigits } from '../app/money-text.js';
import { TableScroll } from '../app/table-scroll.js';
import { type DashboardFilters, nothingIn, reportUrl } from './dashboard-filters.js';
import { Panel } from './panel.js';
import { useReport } from './use-report.js';
import { foldWeekHours, HEAT_LEVELS, heatLevel, WEEKDAYS } from './week-hour-grid.js';

/** The sales summary serves hourly buckets for at most this many days (MAX_HOURLY_DAYS on the server). */
const MAX_HOURLY_DAYS = 93;
const HOURS = Array.from({ length: 24 }, (_unused, hour) => hour);
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

/**
 * Sales by weekday and local hour over the period: the hourly sales summary (each location's own
 * clock) folded into a 7 × 24 table whose cells are shaded by sales. The figures are the table's text,
 * so nothing depends on colour or a canvas.
 */
export function Heatmap(props: { filters: DashboardFilters; days: number; reloads: number }) {
  if (props.days > MAX_HOURLY_DAYS) {
    return (
      <section class="panel dash-panel wide" aria-labelledby="heatmap-title" data-panel="heatmap">
        <h2 id="heatmap-title">Sales by weekday and hour</h2>
        <p class="panel-empty" data-testid="heatmap-unavailable">
          Hourly figures cover at most {MAX_HOURLY_DAYS} days: choose a period of 90 days or less for this
          panel.
        </p>
      </section>
    );
  }
  return <HeatmapReport {...props} />;
}

function HeatmapReport({ filters, reloads }: { filters: DashboardFilters; reloads: number }) {
  const report = useReport<SalesSummary>(
    reportUrl(filters, 'sales/summary', { brand: true }, { group_by: 'hour' }),
    reloads,
  );
  return (
    <Panel
      id="heatmap"
      title="Sales by weekday and hour"
      resource={report}
      what="read sales by hour"
      wide
      empty={(data) => (data.totals.orders === 0 ? nothingIn(filters, 'sales') : false)}
    >
      {(data) => {
        const grid = foldWeekHours(data.buckets);
        const money = (minor: number) => formatMoney(minor, data.currency);
        const scale = 10 ** minorDigits(data.currency);
        const short = (minor: number) => compact.format(minor / scale);
        return (
          <>
            <p class="muted small heat-legend">
              Local time of each location; darker is more.{' '}
              <span aria-hidden="true">
                {Array.from({ length: HEAT_LEVELS }, (_unused, index) => (
                  <span key={index} class={`heat-swatch heat-${index + 1}`} />
                ))}
              </span>
            </p>
            <TableScroll label="Sales by weekday and hour">
              <table class="heatmap">
                <caption class="visually-hidden">
                  Sales in {data.currency ?? 'the business currency'} by weekday (rows) and local hour
                  (columns), with totals
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Day</th>
                    {HOURS.map((hour) => (
                      <th key={hour} scope="col">
                        {String(hour).padStart(2, '0')}
                      </th>
                    ))}
                    <th scope="col">Total</th>
                  </tr>
                </thead>
                <tbody>
                  {WEEKDAYS.map((day, weekday) => (
                    <tr key={day}>
                      <th scope="row">{day}</th>
                      {HOURS.map((hour) => {
                        const sales = grid.sales[weekday]?.[hour] ?? 0;
                        const orders = grid.orders[weekday]?.[hour] ?? 0;
                        return (
                          <td
                            key={hour}
                            class={`heat-${heatLevel(sales, grid.maxSales)}`}
                            title={`${day} ${String(hour).padStart(2, '0')}:00 — ${money(sales)}, ${formatCount(orders)} orders`}
                          >
                            {sales === 0 ? <span class="visually-hidden">0</span> : short(sales)}
                          </td>
                        );
                      })}
                      <td class="heat-total">{money(grid.salesByWeekday[weekday] ?? 0)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">Total</th>
                    {HOURS.map((hour) => (
                      <td key={hour}>{short(grid.salesByHour[hour] ?? 0)}</td>
                    ))}
                    <td class="heat-total" data-testid="heatmap-total">
                      {money(grid.totalSales)}
                    </td>
                  </tr>
                </tfoot>
              </table>
            </TableScroll>
          </>
        );
      }}
    </Panel>
  );
}
