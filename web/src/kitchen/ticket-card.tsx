import type { Ticket } from '../api/api-types.js';
import { formatDuration } from '../app/format.js';
import { orderNumber } from '../orders/order-labels.js';

const NEXT_STEP: Partial<Record<Ticket['status'], string>> = {
  pending: 'Start',
  preparing: 'Ready',
  ready: 'Served',
};
const SERVICE_LABEL: Record<string, string> = {
  dine_in: 'Dine-in',
  takeout: 'Takeout',
  delivery: 'Delivery',
};
/** One item's next step on an active ticket: the cook marks a dish started, then done. */
const ITEM_STEP: Partial<Record<Ticket['status'], { label: string; to: 'preparing' | 'ready' }>> = {
  pending: { label: 'Start', to: 'preparing' },
  preparing: { label: 'Done', to: 'ready' },
};
/** Priorities at or above this are rushes (docs/kitchen.md: 0 whenever … 10 rush). */
const RUSH = 7;
const PRIORITIES = Array.from({ length: 11 }, (_, priority) => priority);

export interface TicketCardProps {
  ticket: Ticket;
  /** When the ticket list was read, to age tickets between reads. */
  readAt: number;
  now: number;
  busy: boolean;
  onBump: (ticket: Ticket) => void;
  onRecall: (ticket: Ticket) => void;
  onItem: (ticket: Ticket, item: TicketItem, to: 'preparing' | 'ready') => void;
  onPriority: (ticket: Ticket, priority: number) => void;
}

type TicketItem = Ticket['items'][number];

/**
 * One ticket: what to cook (items, modifiers, notes), how long it has waited, and one-tap moves — the
 * whole ticket, or one dish at a time (the ticket follows its dishes) — and its priority while open.
 */
export function TicketCard(props: TicketCardProps) {
  const { ticket, readAt, now, busy, onBump, onRecall } = props;
  const active = ticket.status === 'pending' || ticket.status === 'preparing';
  const age =
    ticket.ageSeconds + (active || ticket.status === 'ready' ? Math.max(0, now - readAt) / 1000 : 0);
  const late = active && (ticket.late || Date.parse(ticket.targetAt) < now);
  const dueIn = (Date.parse(ticket.targetAt) - now) / 1000;
  const step = NEXT_STEP[ticket.status];
  const order = ticket.orderId ? orderNumber(ticket.orderId) : 'Ticket';
  const headingId = `ticket-${ticket.id}`;
  return (
    <article
      class={`ticket status-${ticket.status}${late ? ' late' : ''}${ticket.priority >= RUSH ? ' rush' : ''}`}
      aria-labelledby={headingId}
      data-ticket-id={ticket.id}
      data-order-id={ticket.orderId ?? ''}
    >
      <header class="ticket-head">
        <h3 id={headingId}>
          {order}
          <span class="ticket-service">
            {SERVICE_LABEL[ticket.serviceType ?? ''] ?? ticket.serviceType ?? ''}
            {ticket.tableNumber ? ` · table ${ticket.tableNumber}` : ''}
          </span>
        </h3>
        <span class="ticket-age" title="Time since it reached the kitchen">
          {formatDuration(age)}
        </span>
      </header>
      <p class="ticket-meta">
        <span class="badge">{ticket.station}</span>
        {active || ticket.status === 'ready' ? (
          <select
            class={`priority${ticket.priority >= RUSH ? ' rush' : ''}`}
            aria-label={`Priority of ${order}`}
            value={String(ticket.priority)}
            disabled={busy}
            onChange={(event) => props.onPriority(ticket, Number(event.currentTarget.value))}
          >
            {PRIORITIES.map((priority) => (
              <option key={priority} value={String(priority)}>
                P{priority}
                {priority >= RUSH ? ' rush' : ''}
              </option>
            ))}
          </select>
        ) : (
          <span class={`badge priority${ticket.priority >= RUSH ? ' rush' : ''}`}>P{ticket.priority}</span>
        )}
        <span class="badge status">{ticket.status}</span>
        {ticket.source === 'added' && <span class="badge">added items</span>}
        {late ? (
          <strong class="late-flag">LATE {formatDuration(-dueIn)}</strong>
        ) : active ? (
          <span class="muted">due in {formatDuration(dueIn)}</span>
        ) : null}
      </p>
      <ul class="ticket-items">
        {ticket.items.map((item) => {
          const itemStep = active && ticket.items.length > 1 ? ITEM_STEP[item.status] : undefined;
          return (
            <li key={item.id} class={`item-${item.status}`} data-item-status={item.status}>
              <span class="qty">{item.quantity}×</span> <span class="item-name">{item.name}</span>
              {itemStep && (
                <button
                  type="button"
                  class="ghost item-step"
                  disabled={busy}
                  onClick={() => props.onItem(ticket, item, itemStep.to)}
                  aria-label={`${itemStep.label}: ${item.name}, ${order}`}
                >
                  {itemStep.label}
                </button>
              )}
              {item.modifiers.length > 0 && (
                <ul class="modifiers">
                  {item.modifiers.map((modifier) => (
                    <li key={modifier.name}>{modifier.name}</li>
                  ))}
                </ul>
              )}
              {item.notes && <p class="note">Note: {item.notes}</p>}
            </li>
          );
        })}
      </ul>
      <div class="ticket-actions">
        {step && (
          <button
            type="button"
            class="primary bump"
            disabled={busy}
            onClick={() => onBump(ticket)}
            aria-label={`${step}: ${order} ${ticket.station}`}
          >
            {step}
          </button>
        )}
        {ticket.status === 'ready' && (
          <button type="button" class="ghost" disabled={busy} onClick={() => onRecall(ticket)}>
            Recall
          </button>
        )}
      </div>
    </article>
  );
}
