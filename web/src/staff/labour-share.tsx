import { api, query } from '../api/api-client.js';
import { formatMoney } from '../app/format.js';
import { useResource } from '../app/use-resource.js';
import type { FinancialSummary } from '../dashboard/dashboard-types.js';

/**
 * The timesheet's pay against the net sales of the same local days (the analytics financial summary,
 * from the lake): the labour share owners watch beside food cost. Said only when both are known — a
 * business without analytics, or days without sales, get no line rather than a misleading one.
 */
export function LabourShare(props: {
  businessId: string;
  from: string;
  to: string;
  payMinor: number;
  currency: string;
}) {
  const { businessId, from, to, payMinor, currency } = props;
  const sales = useResource(
    () =>
      api<FinancialSummary>(
        'GET',
        `/api/v1/businesses/${businessId}/analytics/financial/summary${query({ from, to })}`,
      ),
    `${businessId}|${from}|${to}`,
  );
  const net = sales.data;
  if (!net || net.netSalesMinor <= 0 || net.currency !== currency || payMinor <= 0) return null;
  const share = ((payMinor / net.netSalesMinor) * 100).toLocaleString(undefined, {
    maximumFractionDigits: 1,
  });
  return (
    <p data-testid="labour-share">
      Labour {formatMoney(payMinor, currency)} is <strong>{share}%</strong> of net sales (
      {formatMoney(net.netSalesMinor, currency)}) in these days.
    </p>
  );
}
