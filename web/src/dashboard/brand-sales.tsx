import { formatCount, formatMoney } from '../app/format.js';
import { type DashboardFilters, nothingIn, reportUrl } from './dashboard-filters.js';
import type { SalesByBrand } from './dashboard-types.js';
import { Panel } from './panel.js';
import { percentShares } from './percent-shares.js';
import { RankedBars } from './ranked-bars.js';
import { useReport } from './use-report.js';

/**
 * Sales per brand (`sales/by-brand`): the brand's lines, so an order with two brands counts for each.
 * With a brand chosen, that brand alone.
 */
export function BrandSales({ filters, reloads }: { filters: DashboardFilters; reloads: number }) {
  const report = useReport<SalesByBrand>(reportUrl(filters, 'sales/by-brand', { brand: true }), reloads);
  return (
    <Panel
      id="by-brand"
      title="Sales by brand"
      resource={report}
      what="read sales by brand"
      empty={(data) => (data.brands.length === 0 ? nothingIn(filters, 'sales') : false)}
    >
      {(data) => {
        const shares = percentShares(data.brands.map((brand) => brand.salesMinor));
        return (
          <>
            <p class="muted small">
              Item revenue of each brand's lines, before tax; an order with two brands counts for each.
            </p>
            <RankedBars
              label="Sales by brand"
              bars={data.brands.map((brand, index) => ({
                key: brand.brandId,
                label: brand.name ?? brand.brandId,
                value: formatMoney(brand.salesMinor, data.currency),
                amount: brand.salesMinor,
                detail: `${shares[index]?.toFixed(1)} % · ${formatCount(brand.orders)} orders · ${formatCount(brand.units)} items`,
              }))}
            />
          </>
        );
      }}
    </Panel>
  );
}
