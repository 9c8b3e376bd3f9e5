import { DataTable } from '../app/data-table.js';
import { formatCount, formatDuration, formatShare } from '../app/format.js';
import { type DashboardFilters, reportUrl, wholeOrdersNote } from './dashboard-filters.js';
import type { KitchenPerformance } from './dashboard-types.js';
import { Panel } from './panel.js';
import { useReport } from './use-report.js';

/**
 * Kitchen tickets' prep times per station over the period (`operations/kitchen-performance`): p50 and
 * p95 (the report computes no p75 or p99 for the kitchen), mean wait before prep started and the late
 * share. Tickets belong to whole orders: no brand filter.
 */
export function KitchenTimes({ filters, reloads }: { filters: DashboardFilters; reloads: number }) {
  const report = useReport<KitchenPerformance>(
    reportUrl(filters, 'operations/kitchen-performance', { brand: false }),
    reloads,
  );
  return (
    <Panel
      id="kitchen-times"
      title="Kitchen prep times"
      resource={report}
      what="read kitchen timings"
      note={wholeOrdersNote(filters)}
      empty={(data) =>
        data.stations.every((station) => station.tickets === 0) ? 'No kitchen tickets in this period' : false
      }
    >
      {(data) => (
        <>
          <p class="muted small">Prep: started → ready, in minutes:seconds.</p>
          <DataTable
            label="Kitchen prep times by station"
            columns={[
              'Station',
              { label: 'Tickets', num: true },
              { label: 'Prep p50', num: true },
              { label: 'Prep p95', num: true },
              { label: 'Wait (mean)', num: true },
              { label: 'Late', num: true },
            ]}
            caption="Kitchen prep times per station"
          >
            {data.stations.map((station) => (
              <tr key={station.station} data-station={station.station}>
                <th scope="row">{station.station === 'all' ? 'All stations' : station.station}</th>
                <td class="num">{formatCount(station.tickets)}</td>
                <td class="num">{formatDuration(station.p50PrepSeconds)}</td>
                <td class="num">{formatDuration(station.p95PrepSeconds)}</td>
                <td class="num">{formatDuration(station.avgWaitSeconds)}</td>
                <td class="num">{formatShare(station.lateShare)}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </Panel>
  );
}
