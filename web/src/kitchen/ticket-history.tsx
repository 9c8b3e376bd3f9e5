import { useState } from 'preact/hooks';
import { api, query } from '../api/api-client.js';
import type { Ticket, TicketHistory } from '../api/api-types.js';
import { DataTable } from '../app/data-table.js';
import { formatDuration, formatTime } from '../app/format.js';
import { ProblemView } from '../app/problem-view.js';
import { useResource } from '../app/use-resource.js';
import { orderNumber } from '../orders/order-labels.js';

/** Tickets the panel lists: the latest finished ones, enough for a service's last stretch. */
const SHOWN = 20;

/**
 * The tickets that left the screen lately (`GET /kitchen/history`, served and cancelled, newest
 * first): when, how long they took, whether late, why cancelled; a served one can be recalled to the
 * pass. Folded away until asked for, and read again with the board (`version`) while open.
 */
export function TicketHistoryPanel(props: {
  base: string;
  station: string;
  version: number;
  busy: boolean;
  onRecall: (ticket: Ticket) => void;
}) {
  const [open, setOpen] = useState(false);
  const history = useResource(
    () =>
      open
        ? api<TicketHistory>(
            'GET',
            `${props.base}/history${query({
              status: ['served', 'cancelled'],
              station: props.station || undefined,
              limit: SHOWN,
            })}`,
          )
        : Promise.resolve(undefined),
    `${props.base}|${props.station}|${open}|${props.version}`,
  );
  const tickets = history.data?.tickets ?? [];
  return (
    <details class="kds-panel" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Finished lately</summary>
      {history.error !== undefined && <ProblemView error={history.error} what="see finished tickets" />}
      {open && !history.data && history.error === undefined && <p class="muted">Loading…</p>}
      {history.data && tickets.length === 0 && <p class="muted">No ticket finished yet.</p>}
      {tickets.length > 0 && (
        <DataTable
          label="Finished tickets"
          columns={['Order', 'Station', 'Finished', 'Prep', { label: 'Recall', hidden: true }]}
          testId="ticket-history"
        >
          {tickets.map((ticket) => {
            const order = orderNumber(ticket.orderId ?? ticket.id);
            return (
              <tr key={ticket.id} data-order-id={ticket.orderId ?? ''}>
                <th scope="row">{order}</th>
                <td>{ticket.station}</td>
                <td>
                  {ticket.status === 'served'
                    ? `served ${formatTime(ticket.servedAt)}`
                    : `cancelled ${formatTime(ticket.cancelledAt)}${ticket.cancelReason ? `: ${ticket.cancelReason}` : ''}`}
                </td>
                <td>
                  {formatDuration(ticket.prepSeconds)}
                  {ticket.finishedLate ? ' (late)' : ''}
                </td>
                <td>
                  {ticket.status === 'served' && (
                    <button
                      type="button"
                      class="ghost"
                      disabled={props.busy}
                      onClick={() => props.onRecall(ticket)}
                      aria-label={`Recall ${order} ${ticket.station}`}
                    >
                      Recall
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </details>
  );
}
