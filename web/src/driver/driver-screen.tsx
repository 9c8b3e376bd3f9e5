import { useCallback, useEffect, useState } from 'preact/hooks';
import { api } from '../api/api-client.js';
import { ApiProblem } from '../api/api-problem.js';
import type { User } from '../api/api-types.js';
import { openLiveFeeds } from '../api/live-feed.js';
import { everyWhileVisible } from '../app/every-while-visible.js';
import { formatTime } from '../app/format.js';
import { ProblemView } from '../app/problem-view.js';
import { useNow } from '../app/use-now.js';
import { driverFeeds } from '../orders/order-feed.js';
import { DeliveryCard } from './delivery-card.js';
import { type DeliveryStep, isLive } from './delivery-steps.js';
import type { Claimable, Delivery, MyDeliveries } from './driver-types.js';
import { FailDialog } from './fail-dialog.js';
import { LocationSharing } from './location-sharing.js';
import { useLocationSharing } from './use-location-sharing.js';
import './driver.css';

/**
 * The lists are read again when the staff orders feed of the driver's business reports an order or
 * delivery event at one of their restaurants (driverFeeds); a user with no driver membership (a
 * platform admin looking) has them read again this often while the tab is visible, and at once when
 * it becomes visible again.
 */
const REFRESH_MS = 10_000;
/** Several events arrive per change (status, payment, delivery phase): one re-read after they settle. */
const RELOAD_DEBOUNCE_MS = 300;

interface Lists {
  active: Delivery[];
  available: Delivery[];
  recent: Delivery[];
  readAt: number;
}

/**
 * A driver's deliveries (docs/delivery.md): the ones they carry, oldest first, each with the one tap the
 * API allows next (arrived, picked up, delivered) and a failed report with a reason; the delivery orders
 * they may claim at their locations; and the ones they finished lately.
 */
export function DriverScreen({ user }: { user: User }) {
  const [lists, setLists] = useState<Lists | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState<string | null>(null);
  const [notices, setNotices] = useState<Record<string, string>>({});
  const [failing, setFailing] = useState<Delivery | null>(null);
  const [sharingOn, setSharingOn] = useState(false);
  const now = useNow();
  const liveOrderIds = (lists?.active ?? []).filter(isLive).map((delivery) => delivery.orderId);
  const sharing = useLocationSharing(liveOrderIds, sharingOn);

  const load = useCallback(async () => {
    try {
      const [mine, claimable] = await Promise.all([
        api<MyDeliveries>('GET', '/api/v1/drivers/me/deliveries'),
        api<Claimable>('GET', '/api/v1/drivers/me/available-deliveries'),
      ]);
      setLists({ ...mine, available: claimable.available, readAt: Date.now() });
      setError(undefined);
    } catch (caught) {
      setError(caught);
    }
  }, []);

  const feeds = driverFeeds(user);
  const feedKey = feeds?.join(' ') ?? '';
  const [live, setLive] = useState(false);
  useEffect(() => {
    void load();
    if (!feedKey) return everyWhileVisible(() => void load(), REFRESH_MS);
    let timer: number | undefined;
    const loadSoon = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void load(), RELOAD_DEBOUNCE_MS);
    };
    const close = openLiveFeeds(feedKey.split(' '), {
      onState: (state) => setLive(state === 'live'),
      // A feed carries what happens next: read the lists again on every reconnection.
      onOpen: loadSoon,
      onMessage: (message) => {
        if (/^(order|delivery)\./.test(message.event)) loadSoon();
      },
    });
    return () => {
      window.clearTimeout(timer);
      close();
    };
  }, [load, feedKey]);

  const act = async (delivery: Delivery, path: DeliveryStep['path'] | 'failed', body?: unknown) => {
    setBusy(delivery.orderId);
    setNotices(({ [delivery.orderId]: _dropped, ...rest }) => rest);
    try {
      await api<Delivery>('POST', `/api/v1/orders/${delivery.orderId}/delivery/${path}`, body);
      if (path === 'failed') setFailing(null);
    } catch (caught) {
      const message =
        caught instanceof ApiProblem
          ? `${caught.body.detail ?? caught.body.title ?? 'Refused'} (${caught.code})`
          : 'Cannot reach Brigade; try again.';
      setNotices((previous) => ({ ...previous, [delivery.orderId]: message }));
      if (path === 'failed') setFailing(null);
    } finally {
      // Whatever happened, show the lists as the API now has them (another driver may have been quicker).
      await load();
      setBusy(null);
    }
  };

  if (error !== undefined && !lists) {
    return (
      <section class="screen">
        <h1>Deliveries</h1>
        <ProblemView error={error} what="see deliveries" />
      </section>
    );
  }

  const card = (delivery: Delivery, actions: boolean) => (
    <li key={delivery.orderId}>
      <DeliveryCard
        delivery={delivery}
        now={now}
        busy={busy === delivery.orderId}
        notice={notices[delivery.orderId] ?? null}
        {...(actions
          ? {
              onStep: (one: Delivery, step: DeliveryStep) => void act(one, step.path),
              onFail: (one: Delivery) => setFailing(one),
            }
          : {})}
      />
    </li>
  );

  return (
    <section class="screen driver" aria-labelledby="driver-title">
      <div class="screen-head">
        <h1 id="driver-title">Deliveries</h1>
        <div class="toolbar">
          <span class="muted small" aria-live="polite">
            {lists ? `Updated ${formatTime(new Date(lists.readAt).toISOString())}` : 'Loading…'}
          </span>
          <button type="button" class="ghost" onClick={() => void load()}>
            Refresh
          </button>
        </div>
      </div>
      {error !== undefined && lists && (
        <p class="notice" role="alert">
          Could not refresh:{' '}
          {error instanceof ApiProblem ? `${error.code} ${error.body.detail ?? ''}` : String(error)}
        </p>
      )}
      {!lists ? (
        <p class="muted">Loading…</p>
      ) : (
        <>
          <section aria-labelledby="active-title">
            <h2 id="active-title">
              Yours now <span class="muted small">({lists.active.length})</span>
            </h2>
            {lists.active.length === 0 ? (
              <p class="empty">
                Nothing to carry right now{lists.available.length > 0 ? ': claim one below.' : '.'}
              </p>
            ) : (
              <>
                <LocationSharing state={sharing} on={sharingOn} onToggle={() => setSharingOn(!sharingOn)} />
                <ul class="deliveries" data-testid="active-deliveries">
                  {lists.active.map((delivery) => card(delivery, true))}
                </ul>
              </>
            )}
          </section>
          <section aria-labelledby="available-title">
            <h2 id="available-title">
              Ready to claim <span class="muted small">({lists.available.length})</span>
            </h2>
            {lists.available.length === 0 ? (
              <p class="empty">No delivery orders waiting for a driver at your restaurants.</p>
            ) : (
              <ul class="deliveries" data-testid="available-deliveries">
                {lists.available.map((delivery) => card(delivery, true))}
              </ul>
            )}
          </section>
          {lists.recent.length > 0 && (
            <details class="recent">
              <summary>
                <h2>
                  Finished lately <span class="muted small">({lists.recent.length})</span>
                </h2>
              </summary>
              <ul class="deliveries" data-testid="recent-deliveries">
                {lists.recent.map((delivery) => card(delivery, false))}
              </ul>
            </details>
          )}
          <p class="muted small">
            Signed in as {user.name}.{' '}
            <span data-testid="driver-freshness">
              {feedKey
                ? live
                  ? 'The lists are live.'
                  : 'Connecting to live updates…'
                : `The lists refresh every ${REFRESH_MS / 1000} s while this tab is open.`}
            </span>
          </p>
        </>
      )}
      <FailDialog
        delivery={failing}
        busy={failing !== null && busy === failing.orderId}
        onConfirm={(delivery, reason) => void act(delivery, 'failed', { reason })}
        onClose={() => setFailing(null)}
      />
    </section>
  );
}
