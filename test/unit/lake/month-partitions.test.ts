import { describe, expect, it } from 'vitest';
import { partitionMatches } from '../../../src/analytics/partition-range.js';
import { partitionDir, partitionOverlaps } from '../../../src/lake/lake-keys.js';
import type { ManifestFile } from '../../../src/lake/manifest.js';
import { closedMonthsToRollUp } from '../../../src/lake/writer/month-rollup.js';

/** A gold day table's partitions are days, or a month once rolled up; readers must find both. */
describe('month roll-up partitions', () => {
  it('matches a month partition to every range that touches one of its days', () => {
    expect(partitionOverlaps('2025-03', '2025-03-31', '2025-04-02')).toBe(true);
    expect(partitionOverlaps('2025-03', '2025-01-15', '2025-03-01')).toBe(true);
    expect(partitionOverlaps('2025-03', '2025-04-01', '2025-04-30')).toBe(false);
    expect(partitionOverlaps('2025-03', '2025-02-01', '2025-02-28')).toBe(false);
    expect(partitionOverlaps('2025-03', undefined, '2025-03-01')).toBe(true);
    expect(partitionOverlaps('2025-03', '2025-03-31', undefined)).toBe(true);
    // Day partitions are compared as days: a month-sized prefix must not leak in.
    expect(partitionOverlaps('2025-03-14', '2025-03-15', '2025-03-31')).toBe(false);
    expect(partitionOverlaps('2025-03-15', '2025-03-15', '2025-03-31')).toBe(true);
  });

  it('lets reports read roll-ups of gold day tables, and keeps silver by order date', () => {
    const march = { from: '2025-03-20', to: '2025-04-05' };
    expect(partitionMatches('gold_order_header', march, '2025-03')).toBe(true);
    expect(partitionMatches('gold_order_header', march, '2025-02')).toBe(false);
    expect(partitionMatches('gold_order_header', march, '2025-03-19')).toBe(false);
    expect(partitionMatches('orders', march, '2025-03-19')).toBe(true); // a local day spans UTC dates
    expect(partitionMatches('gold_metrics', march, '2025-04')).toBe(true);
  });

  it('files a roll-up under local_month=, beside the day directories', () => {
    expect(partitionDir('gold_daily_sales_summary', 'b1', '2025-03')).toBe(
      'gold/gold_daily_sales_summary/business_id=b1/local_month=2025-03',
    );
    expect(partitionDir('gold_daily_sales_summary', 'b1', '2025-03-14')).toBe(
      'gold/gold_daily_sales_summary/business_id=b1/local_date=2025-03-14',
    );
    expect(partitionDir('gold_metrics', 'b1', '2025-03')).toBe(
      'gold/gold_metrics/business_id=b1/period_month=2025-03',
    );
  });

  it('rolls up the months over in every time zone that still have day files, once each', () => {
    const file = (table: ManifestFile['table'], partition: string, businessId = 'b1'): ManifestFile => ({
      table,
      key: `k/${table}/${businessId}/${partition}`,
      businessId,
      partition,
      rows: 1,
      bytes: 1,
      writtenAt: '2025-04-03T00:00:00Z',
    });
    const files = [
      file('gold_order_header', '2025-02-27'),
      file('gold_order_header', '2025-02-28'),
      file('gold_order_header', '2025-03-31'),
      file('gold_order_header', '2025-04-01'),
      file('gold_order_header', '2025-01', 'b2'), // already rolled up
      file('gold_item_performance', '2025-02-01', 'b2'),
      file('gold_metrics', '2025-01'),
      file('orders', '2025-01-05'),
    ];
    const months = (today: string) =>
      closedMonthsToRollUp(files, today)
        .map((m) => `${m.table} ${m.businessId} ${m.month}`)
        .sort();
    // On April 2nd (UTC) it is still March 31st somewhere: March stays open.
    expect(months('2025-04-02')).toEqual([
      'gold_item_performance b2 2025-02',
      'gold_order_header b1 2025-02',
    ]);
    expect(months('2025-04-03')).toEqual([
      'gold_item_performance b2 2025-02',
      'gold_order_header b1 2025-02',
      'gold_order_header b1 2025-03',
    ]);
  });
});
