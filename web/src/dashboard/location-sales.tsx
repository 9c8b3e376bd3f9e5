import { formatCount, formatMoney } from '../app/format.js';
import { type DashboardFilters, nothingIn, reportUrl } from './dashboard-filters.js';
import type { SalesByLocation } from './dashboard-types.js';
import { Panel } from './panel.js';
import { percentShares } from './percent-shares.js';
import { RankedBars } from './ranked-bars.js';
import { useReport } from './use-report.js';

/**
 * Sales per location, largest first (`sales/by-location`; with a brand, that brand's sales). The report
 * lists every location, those without a sale with zeros; the bars are the ones that sold.
 */
export function LocationSales({ filters, reloads }: { filters: DashboardFilters; reloads: number }) {
  const report = useReport<SalesByLocation>(
    reportUrl(filters, 'sales/by-location', { brand: true }),
    reloads,
  );
  return (
    <Panel
      id="by-location"
      title="Sales by location"
      resource={report}
      what="read sales by location"
      empty={(data) => (sold(data).length === 0 ? nothingIn(filters, 'sales') : false)}
    >
      {(data) => {
        const locations = sold(data);
        const shares = percentShares(locations.map((location) => location.salesMinor));
        return (
          <RankedBars
            label="Sales by location"
            bars={locations.map((location, index) => ({
              key: location.locationId,
              label: location.name ?? location.locationId,
              value: formatMoney(location.salesMinor, data.currency),
              amount: location.salesMinor,
              detail: `${shares[index]?.toFixed(1)} % · ${formatCount(location.orders)} orders · average ${formatMoney(location.averageOrderValueMinor, data.currency)}`,
            }))}
          />
        );
      }}
    </Panel>
  );
}

const sold = (data: SalesByLocation) =>
  data.locations.filter((location) => location.orders > 0 || location.salesMinor !== 0);
