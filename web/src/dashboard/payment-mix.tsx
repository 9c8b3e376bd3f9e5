import { DataTable } from '../app/data-table.js';
import { formatCount, formatMoney } from '../app/format.js';
import { type DashboardFilters, nothingIn, reportUrl, wholeOrdersNote } from './dashboard-filters.js';
import type { PaymentMix as PaymentMixAnswer } from './dashboard-types.js';
import { Panel } from './panel.js';
import { percentShares } from './percent-shares.js';
import { useReport } from './use-report.js';

/** Segment colours in order of size; the table names each method, so colour is never the only cue. */
const COLOURS = ['#c2410c', '#1d4ed8', '#15803d', '#7c3aed', '#b45309', '#0f766e', '#6b7280'];

/**
 * How the period's orders were paid (`sales/by-payment-method`): one bar split by each method's share
 * of sales, and the figures as a table. Payments belong to whole orders: no brand filter.
 */
export function PaymentMix({ filters, reloads }: { filters: DashboardFilters; reloads: number }) {
  const report = useReport<PaymentMixAnswer>(
    reportUrl(filters, 'sales/by-payment-method', { brand: false }),
    reloads,
  );
  return (
    <Panel
      id="payment-mix"
      title="Payment methods"
      resource={report}
      what="read sales by payment method"
      note={wholeOrdersNote(filters)}
      empty={(data) => (data.methods.length === 0 ? nothingIn({ ...filters, brandId: '' }, 'sales') : false)}
    >
      {(data) => {
        const shares = percentShares(data.methods.map((method) => method.salesMinor));
        return (
          <>
            <div class="mix-bar" aria-hidden="true">
              {data.methods.map((method, index) => (
                <span
                  key={method.method}
                  style={{ width: `${shares[index] ?? 0}%`, background: colour(index) }}
                />
              ))}
            </div>
            <DataTable
              label="Payment methods"
              columns={[
                'Method',
                { label: 'Orders', num: true },
                { label: 'Sales', num: true },
                { label: 'Share', num: true },
              ]}
              caption="Sales by payment method"
            >
              {data.methods.map((method, index) => (
                <tr key={method.method} data-method={method.method}>
                  <th scope="row">
                    <span class="swatch" style={{ background: colour(index) }} aria-hidden="true" />
                    {methodName(method.method)}
                  </th>
                  <td class="num">{formatCount(method.orders)}</td>
                  <td class="num">{formatMoney(method.salesMinor, data.currency)}</td>
                  <td class="num" data-share>
                    {(shares[index] ?? 0).toFixed(1)} %
                  </td>
                </tr>
              ))}
            </DataTable>
          </>
        );
      }}
    </Panel>
  );
}

function colour(index: number): string {
  return COLOURS[index % COLOURS.length] ?? '#6b7280';
}

/** `credit_card` → "Credit card". */
function methodName(method: string): string {
  const words = method.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
