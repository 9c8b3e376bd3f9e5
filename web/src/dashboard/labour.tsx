import { formatCount, formatHours, formatMoney, formatShare } from '../app/format.js';
import { type DashboardFilters, reportUrl } from './dashboard-filters.js';
import type { Labour as LabourAnswer } from './dashboard-types.js';
import { Panel } from './panel.js';
import { useReport } from './use-report.js';

/**
 * Hours and labour cost of the period's closed shifts against its net sales (`operations/labour`, from
 * the lake: the timesheet's rules, overtime beyond 8 hours a day at 1.5×). Labour is not split by brand.
 */
export function Labour({ filters, reloads }: { filters: DashboardFilters; reloads: number }) {
  const report = useReport<LabourAnswer>(reportUrl(filters, 'operations/labour', { brand: false }), reloads);
  return (
    <Panel
      id="labour"
      title="Labour"
      resource={report}
      what="read labour costs"
      note={filters.brandId ? 'All brands: labour is not split by brand.' : undefined}
      empty={(data) =>
        data.totals.shifts === 0 && data.totals.openShifts === 0 ? 'No shifts clocked in this period' : false
      }
    >
      {({ totals, currency }) => (
        <>
          <dl class="figure-row" aria-label="Labour of the period">
            <div>
              <dt>Labour cost</dt>
              <dd data-testid="labour-cost">{formatMoney(totals.labourCostMinor, currency)}</dd>
            </div>
            <div>
              <dt>Hours</dt>
              <dd data-testid="labour-hours">{formatHours(totals.minutes)}</dd>
            </div>
            <div>
              <dt>Overtime</dt>
              <dd data-testid="labour-overtime">{formatHours(totals.overtimeMinutes)}</dd>
            </div>
            <div>
              <dt>Of net sales</dt>
              <dd data-testid="labour-share">{formatShare(totals.labourShare)}</dd>
            </div>
          </dl>
          <p class="muted small">
            {formatCount(totals.shifts)} closed {totals.shifts === 1 ? 'shift' : 'shifts'}
            {totals.openShifts > 0 && `, ${formatCount(totals.openShifts)} still open`}; net sales{' '}
            {formatMoney(totals.netSalesMinor, currency)}.
            {totals.unpricedDays > 0 &&
              ` ${formatCount(totals.unpricedDays)} ${totals.unpricedDays === 1 ? 'person-day without an hourly rate is' : 'person-days without an hourly rate are'} not in the cost.`}
          </p>
        </>
      )}
    </Panel>
  );
}
