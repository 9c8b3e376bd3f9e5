import type { LiveSnapshot } from '../api/api-types.js';
import { formatCount, formatDuration, formatMoney, formatTime, tileValueClass } from '../app/format.js';
import { ProblemView } from '../app/problem-view.js';
import type { LiveMetrics } from './use-live-metrics.js';

type Figures = LiveSnapshot['business'];

/**
 * Today's figures, moving live; one location's when the dashboard is filtered to it. The live metrics
 * are kept per business and location only, so `note` says when a chosen brand does not apply.
 */
export function LiveToday({
  live,
  locationId,
  note,
}: {
  live: LiveMetrics;
  locationId: string;
  note?: string | undefined;
}) {
  const { snapshot } = live;
  const location = locationId ? snapshot?.locations.find((one) => one.locationId === locationId) : undefined;
  const figures: Figures | undefined = locationId ? location : snapshot?.business;
  const stateLabel =
    live.state === 'live' ? 'Live' : live.state === 'connecting' ? 'Connecting…' : 'Reconnecting…';
  return (
    <section class="panel" aria-labelledby="today-title">
      <div class="panel-head">
        <h2 id="today-title">Today{location ? ` · ${location.name} (${location.date})` : ''}</h2>
        <span class={`feed-state ${live.state}`} data-testid="feed-state">
          <span class="dot" aria-hidden="true" />
          {stateLabel}
          {live.updatedAt && <span class="muted"> · updated {formatTime(live.updatedAt.toISOString())}</span>}
        </span>
      </div>
      {note && (
        <p class="panel-note" data-testid="today-note">
          {note}
        </p>
      )}
      {live.error !== undefined && !snapshot ? (
        <ProblemView error={live.error} what="see this business's live figures" />
      ) : !figures ? (
        <p class="muted">{snapshot ? 'No figures for this location today yet.' : 'Loading…'}</p>
      ) : (
        <ul class="tiles compact" aria-live="polite" aria-label="Today's live figures">
          <LiveTile
            id="live-sales"
            label="Sales"
            value={formatMoney(figures.revenueMinor, figures.currency)}
          />
          <LiveTile id="live-orders" label="Orders" value={formatCount(figures.orders)} />
          <LiveTile
            id="live-aov"
            label="Average order"
            value={formatMoney(figures.averageOrderValueMinor, figures.currency)}
          />
          <LiveTile id="live-tips" label="Tips" value={formatMoney(figures.tipsMinor, figures.currency)} />
          <LiveTile
            id="live-cancellations"
            label="Cancellations"
            value={formatCount(figures.cancellations)}
          />
          <LiveTile id="live-open-tickets" label="Open tickets" value={formatCount(figures.openTickets)} />
          <LiveTile id="live-overdue" label="Overdue tickets" value={formatCount(figures.overdueTickets)} />
          <LiveTile id="live-prep" label="Average prep" value={formatDuration(figures.averagePrepSeconds)} />
        </ul>
      )}
    </section>
  );
}

function LiveTile({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <li class="tile" data-testid={id}>
      <span class="tile-label">{label}</span>
      <span class={tileValueClass(value)}>{value}</span>
    </li>
  );
}
