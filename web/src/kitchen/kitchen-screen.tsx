import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, isProblem, query } from '../api/api-client.js';
import { ApiProblem } from '../api/api-problem.js';
import type { Stations, Ticket, Tickets } from '../api/api-types.js';
import { type FeedState, openLiveFeed } from '../api/live-feed.js';
import { ProblemView } from '../app/problem-view.js';
import { Link, type Place } from '../app/router.js';
import { useNow } from '../app/use-now.js';
import { useResource } from '../app/use-resource.js';
import { orderNumber } from '../orders/order-labels.js';
import { Beeper } from './beep.js';
import { PrepStatsPanel } from './prep-stats.js';
import { TicketCard } from './ticket-card.js';
import { TicketHistoryPanel } from './ticket-history.js';

/** A new ticket chimes when it was created less than this long ago. */
const CHIME_WITHIN_MS = 2 * 60_000;

/** Several events arrive per bump (items, ticket, order): one read after they settle. */
const RELOAD_DEBOUNCE_MS = 120;

interface Restaurant {
  name: string;
  businessName: string;
}
interface Board {
  tickets: Ticket[];
  stations: Stations['stations'];
  readAt: number;
}

/**
 * The kitchen display of one location, optionally one station: active tickets, highest priority first,
 * live over the KDS WebSocket, with one-tap bump and recall (of a ticket, or one of its dishes), its
 * priority, a chime on new tickets, the tickets finished lately (to recall one) and the prep times of
 * the last 24 hours.
 */
export function KitchenScreen({ locationId, place }: { locationId: string; place: Place }) {
  const station = place.params.get('station') ?? '';
  const base = `/api/v1/locations/${locationId}/kitchen`;
  const restaurant = useResource(
    () => api<Restaurant>('GET', `/api/v1/restaurants/${locationId}`),
    locationId,
  );
  const [board, setBoard] = useState<Board | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [feed, setFeed] = useState<FeedState>('connecting');
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [lastServed, setLastServed] = useState<Ticket | null>(null);
  const [sound, setSound] = useState(false);
  const beeper = useRef(new Beeper());
  const screen = useRef<HTMLElement>(null);
  const now = useNow();

  /** Reads the board; false when the API refused it (the screen then shows why). */
  const load = useCallback(async (): Promise<boolean> => {
    try {
      const [list, stations] = await Promise.all([
        api<Tickets>('GET', `${base}/tickets${query({ station: station || undefined })}`),
        api<Stations>('GET', `${base}/stations`),
      ]);
      setBoard({ tickets: list.tickets, stations: stations.stations, readAt: Date.now() });
      setError(undefined);
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    }
  }, [base, station]);

  useEffect(() => {
    setBoard(undefined);
    let active = true;
    let timer: number | undefined;
    let close: (() => void) | undefined;
    const reloadSoon = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void load(), RELOAD_DEBOUNCE_MS);
    };
    // REST first: the feed has the same access rules, and a browser hides a refused upgrade's 403.
    void load().then((allowed) => {
      if (!allowed || !active) return;
      close = openLiveFeed({
        path: `/api/v1/ws/kds/${locationId}`,
        onState: setFeed,
        // The feed carries changes from now on: read the board again on every reconnection.
        onOpen: reloadSoon,
        onMessage: (message) => {
          if (message.event === 'kitchen.ticket_created') {
            const event = message.data as { occurred_at?: string; payload?: { station?: string } };
            // Only a ticket made just now: after a fresh demo start (or a feed catching up) the feed
            // also carries tickets of hours ago, which are news to nobody in the kitchen.
            const fresh = Date.now() - Date.parse(event.occurred_at ?? '') < CHIME_WITHIN_MS;
            if (fresh && (!station || event.payload?.station === station)) beeper.current.beep();
          }
          if (message.event.startsWith('kitchen.') || message.event.startsWith('order.')) reloadSoon();
        },
      });
    });
    return () => {
      active = false;
      window.clearTimeout(timer);
      close?.();
    };
  }, [locationId, station, load]);

  useEffect(() => () => beeper.current.disable(), []);

  /**
   * Sends one change of a ticket and shows the ticket the API answers (served and cancelled ones leave
   * the screen); a refusal is shown, and the board read again.
   */
  const change = async (ticket: Ticket, send: () => Promise<Ticket>) => {
    setBusy(ticket.id);
    setNotice(null);
    try {
      const moved = await send();
      if (moved.status === 'served') setLastServed(moved);
      else if (lastServed?.id === moved.id) setLastServed(null);
      setBoard(
        (previous) =>
          previous && {
            ...previous,
            tickets:
              moved.status === 'served' || moved.status === 'cancelled'
                ? previous.tickets.filter((one) => one.id !== moved.id)
                : previous.tickets.some((one) => one.id === moved.id)
                  ? previous.tickets.map((one) => (one.id === moved.id ? moved : one))
                  : [moved, ...previous.tickets],
          },
      );
    } catch (caught) {
      setNotice(
        caught instanceof ApiProblem
          ? `${caught.body.detail ?? caught.body.title ?? 'Refused'} (${caught.code})${isProblem(caught, 409) ? ' — the screen was refreshed.' : ''}`
          : 'Cannot reach Brigade; try again.',
      );
      void load();
    } finally {
      setBusy(null);
    }
  };

  const path = (ticket: Ticket) => `${base}/tickets/${ticket.id}`;
  const move = (ticket: Ticket, action: 'bump' | 'recall') =>
    change(ticket, () => api<Ticket>('POST', `${path(ticket)}/${action}`, { from: ticket.status }));
  const moveItem = (ticket: Ticket, item: Ticket['items'][number], status: 'preparing' | 'ready') =>
    change(ticket, () => api<Ticket>('POST', `${path(ticket)}/items/${item.id}/status`, { status }));
  const prioritize = (ticket: Ticket, priority: number) =>
    change(ticket, () => api<Ticket>('PUT', `${path(ticket)}/priority`, { priority }));

  const toggleSound = () => {
    if (beeper.current.enabled) beeper.current.disable();
    else beeper.current.enable();
    setSound(beeper.current.enabled);
  };
  const toggleFullScreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void screen.current?.requestFullscreen?.();
  };

  if (error !== undefined && !board) {
    return (
      <section class="screen">
        <h1>Kitchen display</h1>
        <ProblemView error={error} what="open this kitchen display" />
      </section>
    );
  }

  const tickets = board?.tickets ?? [];
  const count = (status: Ticket['status']) => tickets.filter((ticket) => ticket.status === status).length;
  const stationLink = (name: string) => `${place.path}${name ? `?station=${encodeURIComponent(name)}` : ''}`;
  return (
    <section class="screen kds" ref={screen} aria-labelledby="kds-title">
      <div class="screen-head">
        <h1 id="kds-title">
          {restaurant.data?.name ?? 'Kitchen'}
          <span class="muted small"> · {station || 'all stations'}</span>
        </h1>
        <div class="toolbar">
          <span class={`feed-state ${feed}`} data-testid="feed-state">
            <span class="dot" aria-hidden="true" />
            {feed === 'live' ? 'Live' : feed === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
          </span>
          {lastServed && (
            <button
              type="button"
              class="ghost"
              disabled={busy !== null}
              onClick={() => void move(lastServed, 'recall')}
            >
              Recall {orderNumber(lastServed.orderId ?? lastServed.id)}
            </button>
          )}
          <button type="button" class="ghost" aria-pressed={sound} onClick={toggleSound}>
            {sound ? 'Sound on' : 'Sound off'}
          </button>
          <button type="button" class="ghost" onClick={toggleFullScreen}>
            Full screen
          </button>
        </div>
      </div>
      <nav class="stations" aria-label="Stations">
        <Link class="station-link" href={stationLink('')} aria-current={station === '' ? 'page' : undefined}>
          All
        </Link>
        {board?.stations.map((one) => (
          <Link
            class="station-link"
            key={one.station}
            href={stationLink(one.station)}
            aria-current={station === one.station ? 'page' : undefined}
          >
            {one.station}
            <span class="count">{one.pending + one.preparing + one.ready}</span>
            {one.late > 0 && <span class="count late">{one.late} late</span>}
          </Link>
        ))}
      </nav>
      <p class="kds-summary" aria-live="polite">
        {count('pending')} new · {count('preparing')} cooking · {count('ready')} ready
      </p>
      <PrepStatsPanel base={base} station={station} now={now} />
      <TicketHistoryPanel
        base={base}
        station={station}
        version={board?.readAt ?? 0}
        busy={busy !== null}
        onRecall={(one) => void move(one, 'recall')}
      />
      {notice && (
        <p class="notice" role="alert">
          {notice}
        </p>
      )}
      {!board ? (
        <p class="muted">Loading…</p>
      ) : tickets.length === 0 ? (
        <p class="empty">No open tickets. New orders appear here as they are confirmed.</p>
      ) : (
        <div class="tickets">
          {tickets.map((ticket) => (
            <TicketCard
              key={ticket.id}
              ticket={ticket}
              readAt={board.readAt}
              now={now}
              busy={busy === ticket.id}
              onBump={(one) => void move(one, 'bump')}
              onRecall={(one) => void move(one, 'recall')}
              onItem={(one, item, status) => void moveItem(one, item, status)}
              onPriority={(one, priority) => void prioritize(one, priority)}
            />
          ))}
        </div>
      )}
    </section>
  );
}
