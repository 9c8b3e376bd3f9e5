import { useState } from 'preact/hooks';
import { api, query } from '../api/api-client.js';
import type { PrepStats } from '../api/api-types.js';
import { DataTable } from '../app/data-table.js';
import { formatDuration } from '../app/format.js';
import { ProblemView } from '../app/problem-view.js';
import { useResource } from '../app/use-resource.js';

/** Read again this often while the panel is open (the figures move as tickets become ready). */
const REFRESH_MS = 60_000;

/**
 * How fast the kitchen has been (`GET /kitchen/stats`: the 24 hours before now) per station and in
 * all: tickets ready, average, median and 90th-percentile prep time, and how many were late. Folded
 * away until asked for, so a wall screen shows the tickets first.
 */
export function PrepStatsPanel({ base, station, now }: { base: string; station: string; now: number }) {
  const [open, setOpen] = useState(false);
  const minute = Math.floor(now / REFRESH_MS);
  const stats = useResource(
    () =>
      open
        ? api<PrepStats>('GET', `${base}/stats${query({ station: station || undefined })}`)
        : Promise.resolve(undefined),
    `${base}|${station}|${open}|${minute}`,
  );
  const rows = stats.data ? [...stats.data.stations, { station: 'All stations', ...stats.data.overall }] : [];
  return (
    <details class="kds-panel" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Prep times, last 24 hours</summary>
      {stats.error !== undefined && <ProblemView error={stats.error} what="see prep times" />}
      {open && !stats.data && stats.error === undefined && <p class="muted">Loading…</p>}
      {stats.data && (
        <DataTable
          label="Prep times"
          columns={['Station', 'Tickets ready', 'Average', 'Median', '90th percentile', 'Late']}
          testId="prep-stats"
        >
          {rows.map((row) => (
            <tr key={row.station} data-station={row.station}>
              <th scope="row">{row.station}</th>
              <td>{row.tickets}</td>
              <td>{formatDuration(row.avgPrepSeconds)}</td>
              <td>{formatDuration(row.p50PrepSeconds)}</td>
              <td>{formatDuration(row.p90PrepSeconds)}</td>
              <td>{row.late}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </details>
  );
}
