import './dashboard.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { listAll } from '../api/admin-lists.js';
import { api, isProblem } from '../api/api-client.js';
import type { Business, Dashboard, Location, SalesSummary } from '../api/api-types.js';
import { formatTime } from '../app/format.js';
import { ProblemView } from '../app/problem-view.js';
import { navigate, type Place } from '../app/router.js';
import { useResource } from '../app/use-resource.js';
import { BrandSales } from './brand-sales.js';
import { type DashboardFilters, reportUrl, wholeOrdersNote } from './dashboard-filters.js';
import type { Brand } from './dashboard-types.js';
import { DeliveryPhases } from './delivery-phases.js';
import { Heatmap } from './heatmap.js';
import { KitchenTimes } from './kitchen-times.js';
import { KpiTiles } from './kpi-tiles.js';
import { Labour } from './labour.js';
import { LiveToday } from './live-today.js';
import { LocationSales } from './location-sales.js';
import { PaymentMix } from './payment-mix.js';
import { ProfitAnalysis } from './profit-analysis.js';
import { SalesChart } from './sales-chart.js';
import { TopItems } from './top-items.js';
import { useLiveMetrics } from './use-live-metrics.js';
import { useReport } from './use-report.js';

const PERIODS = [
  { value: '1d', label: 'Today', groupBy: 'hour', days: 1 },
  { value: '7d', label: 'Last 7 days', groupBy: 'day', days: 7 },
  { value: '30d', label: 'Last 30 days', groupBy: 'day', days: 30 },
  { value: '90d', label: 'Last 90 days', groupBy: 'week', days: 90 },
  { value: '1y', label: 'Last 12 months', groupBy: 'month', days: 365 },
] as const;
type Period = (typeof PERIODS)[number];
const DEFAULT_PERIOD = PERIODS[1];
/** Lake-backed panels reload on order events at most this often (the lake commits about every second). */
const LAKE_RELOAD_MS = 10_000;

/**
 * A business's dashboard: KPIs of the period against the one before (from the lakehouse), sales over
 * time and the breakdown panels, and today's figures live over the dashboard WebSocket. Filters live
 * in the URL; every panel loads its own report, all at once.
 */
export function DashboardScreen({ businessId, place }: { businessId: string; place: Place }) {
  const period: Period = PERIODS.find((one) => one.value === place.params.get('period')) ?? DEFAULT_PERIOD;
  const locationId = place.params.get('location') ?? '';
  const brandId = place.params.get('brand') ?? '';
  const base = `/api/v1/businesses/${businessId}`;

  const business = useResource(() => api<Business>('GET', base), businessId);
  const locations = useResource(() => listAll<Location>(businessId, 'locations'), businessId);
  const brands = useResource(() => listAll<Brand>(businessId, 'brands'), businessId);
  const filters: DashboardFilters = {
    businessId,
    period: period.value,
    locationId,
    brandId,
    brandName: brands.data?.find((brand) => brand.id === brandId)?.name,
  };

  // New orders reach the lake within seconds: reload the lake panels, at most every LAKE_RELOAD_MS.
  const [reloads, setReloads] = useState(0);
  const lastReload = useRef(0);
  const pending = useRef<number | undefined>(undefined);
  const reloadLake = () => {
    if (pending.current !== undefined) return;
    const wait = Math.max(0, lastReload.current + LAKE_RELOAD_MS - Date.now());
    pending.current = window.setTimeout(() => {
      pending.current = undefined;
      lastReload.current = Date.now();
      setReloads((count) => count + 1);
    }, wait);
  };
  useEffect(() => () => window.clearTimeout(pending.current), []);
  const live = useLiveMetrics(businessId, reloadLake);

  // KPIs (tips, cancellations, ratings) belong to whole orders: the dashboard report takes no brand.
  const dashboard = useReport<Dashboard>(reportUrl(filters, 'dashboard', { brand: false }), reloads);
  const sales = useReport<SalesSummary>(
    reportUrl(filters, 'sales/summary', { brand: true }, { group_by: period.groupBy }),
    reloads,
  );

  // The breakdown panels wait for the first KPI answer: someone refused gets one "Not allowed" for the
  // screen, not one per panel. Later filter changes keep them mounted (the metric switch keeps its choice).
  const openedFor = useRef<string | undefined>(undefined);
  if (dashboard.data) openedFor.current = businessId;
  const opened = openedFor.current === businessId;

  if (isProblem(dashboard.error, 403) || isProblem(dashboard.error, 404)) {
    return (
      <section class="screen">
        <h1>Dashboard</h1>
        <ProblemView error={dashboard.error} what="open this business's dashboard" />
      </section>
    );
  }

  const setFilter = (key: string, value: string) => {
    const params = new URLSearchParams(place.params);
    if (value) params.set(key, value);
    else params.delete(key);
    const search = params.toString();
    navigate(`${place.path}${search ? `?${search}` : ''}`, { replace: true });
  };
  const wholeOrders = wholeOrdersNote(filters);

  return (
    <section class="screen dashboard" aria-labelledby="dashboard-title">
      <div class="screen-head">
        <h1 id="dashboard-title">{business.data?.name ?? 'Dashboard'}</h1>
        <form class="filters" onSubmit={(event) => event.preventDefault()}>
          <label>
            Location
            <select value={locationId} onChange={(event) => setFilter('location', event.currentTarget.value)}>
              <option value="">All locations</option>
              {locations.data?.map((location) => (
                <option key={location.id} value={location.id}>
                  {location.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Brand
            <select value={brandId} onChange={(event) => setFilter('brand', event.currentTarget.value)}>
              <option value="">All brands</option>
              {brands.data?.map((brand) => (
                <option key={brand.id} value={brand.id}>
                  {brand.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Period
            <select value={period.value} onChange={(event) => setFilter('period', event.currentTarget.value)}>
              {PERIODS.map((one) => (
                <option key={one.value} value={one.value}>
                  {one.label}
                </option>
              ))}
            </select>
          </label>
        </form>
      </div>

      <LiveToday live={live} locationId={locationId} note={wholeOrders} />

      <section class="panel" aria-labelledby="period-title" aria-busy={dashboard.loading}>
        <div class="panel-head">
          <h2 id="period-title">
            {period.label}
            {dashboard.data && (
              <span class="muted small">
                {' '}
                {dashboard.data.range.from} – {dashboard.data.range.to}, against{' '}
                {dashboard.data.previousRange.from} – {dashboard.data.previousRange.to}
              </span>
            )}
          </h2>
          {dashboard.data && (
            <span class="muted small" data-testid="lake-freshness">
              {/* An empty lake has no commit: its "as of" is the epoch, with no age. */}
              {dashboard.data.asOf.ageSeconds === null
                ? 'Nothing in the lakehouse yet: figures appear within seconds of the first events'
                : `Lakehouse as of ${formatTime(dashboard.data.asOf.committedAt)}`}
            </span>
          )}
        </div>
        {wholeOrders && (
          <p class="panel-note" data-testid="kpis-note">
            {wholeOrders}
          </p>
        )}
        {dashboard.error !== undefined ? (
          <ProblemView error={dashboard.error} what="read this business's analytics" />
        ) : dashboard.data ? (
          <KpiTiles dashboard={dashboard.data} />
        ) : (
          <p class="muted">Loading…</p>
        )}
      </section>

      <section class="panel" aria-labelledby="sales-title">
        <h2 id="sales-title">Sales over time{filters.brandName ? ` · ${filters.brandName}` : ''}</h2>
        {sales.error !== undefined ? (
          <ProblemView error={sales.error} what="read this business's sales" />
        ) : sales.data ? (
          <SalesChart summary={sales.data} />
        ) : (
          <p class="muted">Loading…</p>
        )}
      </section>

      {opened && (
        <div class="dash-grid">
          <Heatmap filters={filters} days={period.days} reloads={reloads} />
          <LocationSales filters={filters} reloads={reloads} />
          <BrandSales filters={filters} reloads={reloads} />
          <TopItems filters={filters} reloads={reloads} />
          <ProfitAnalysis filters={filters} reloads={reloads} />
          <PaymentMix filters={filters} reloads={reloads} />
          <KitchenTimes filters={filters} reloads={reloads} />
          <DeliveryPhases filters={filters} reloads={reloads} />
          <Labour filters={filters} reloads={reloads} />
        </div>
      )}
    </section>
  );
}
