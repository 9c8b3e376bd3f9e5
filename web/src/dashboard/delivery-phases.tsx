import { DataTable } from '../app/data-table.js';
import { formatCount, formatDuration } from '../app/format.js';
import { type DashboardFilters, reportUrl, wholeOrdersNote } from './dashboard-filters.js';
import type { PhaseTiming } from './dashboard-types.js';
import { Panel } from './panel.js';
import { useReport } from './use-report.js';

/** The phases as silver `deliveries` measures them (src/analytics/reports/phase-timing.ts). */
const PHASES: Record<string, string> = {
  placed_to_confirmed: 'Placed → confirmed',
  confirmed_to_ready: 'Confirmed → ready',
  ready_to_picked_up: 'Ready → picked up',
  assigned_to_arrived: 'Driver assigned → at the restaurant',
  picked_up_to_delivered: 'Picked up → delivered',
  placed_to_delivered: 'Placed → delivered (door to door)',
};

/**
 * Delivery orders' phase durations over the period (`operations/phase-timing`): exact p50, p75, p95 and
 * p99 per phase. Timings belong to whole orders: no brand filter.
 */
export function DeliveryPhases({ filters, reloads }: { filters: DashboardFilters; reloads: number }) {
  const report = useReport<PhaseTiming>(
    reportUrl(filters, 'operations/phase-timing', { brand: false }),
    reloads,
  );
  return (
    <Panel
      id="delivery-phases"
      title="Delivery phases"
      resource={report}
      what="read delivery timings"
      note={wholeOrdersNote(filters)}
      empty={(data) => (data.deliveries === 0 ? 'No deliveries in this period' : false)}
    >
      {(data) => (
        <>
          <p class="muted small">
            {formatCount(data.deliveries)} deliveries, {formatCount(data.delivered)} delivered,{' '}
            {formatCount(data.failed)} failed. Durations in minutes:seconds.
          </p>
          <DataTable
            label="Delivery phase times"
            columns={[
              'Phase',
              { label: 'Orders', num: true },
              { label: 'p50', num: true },
              { label: 'p75', num: true },
              { label: 'p95', num: true },
              { label: 'p99', num: true },
            ]}
            caption="Delivery phase percentiles"
          >
            {data.phases.map((phase) => (
              <tr key={phase.phase} data-phase={phase.phase}>
                <th scope="row">{PHASES[phase.phase] ?? phase.phase}</th>
                <td class="num">{formatCount(phase.samples)}</td>
                <td class="num">{formatDuration(phase.p50Seconds)}</td>
                <td class="num">{formatDuration(phase.p75Seconds)}</td>
                <td class="num">{formatDuration(phase.p95Seconds)}</td>
                <td class="num">{formatDuration(phase.p99Seconds)}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </Panel>
  );
}
