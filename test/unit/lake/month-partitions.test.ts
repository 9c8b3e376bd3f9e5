import { describe, expect, it } from 'vitest';
import { partitionMatches } from '../../../src/analytics/partition-range.js';
import { partitionDir, partitionOverlaps } from '../../../src/lake/lake-keys.js';
import type { ManifestFile } from '../../../src/lake/manifest.js';
import { dueRollUps, ROLL_UP_AFTER_DAYS } from '../../../src/lake/writer/month-rollup.js';

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
    // A roll-up of March's days up to the 19th has nothing for a range from the 20th on.
    expect(partitionMatches('gold_order_header', march, '2025-03', '2025-03-19')).toBe(false);
    expect(partitionMatches('gold_order_header', march, '2025-03', '2025-03-20')).toBe(true);
    expect(partitionMatches('gold_order_header', { to: '2025-03-05' }, '2025-03', '2025-03-19')).toBe(true);
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

  it('rolls up the settled days of each month that still has day files, the current one included', () => {
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
      file('gold_order_header', '2025-03-24'),
      file('gold_order_header', '2025-03-25'),
      file('gold_order_header', '2025-03-31'),
      file('gold_order_header', '2025-01', 'b2'), // already rolled up
      file('gold_item_performance', '2025-02-01', 'b2'),
      file('gold_metrics', '2025-01'),
      file('orders', '2025-01-05'),
    ];
    const due = (today: string) =>
      dueRollUps(files, today)
        .map((m) => `${m.table} ${m.businessId} ${m.month} through ${m.through}`)
        .sort();
    expect(ROLL_UP_AFTER_DAYS).toBe(7);
    // A day settles a week after its date: on April 1st, March up to the 25th.
    expect(due('2025-04-01')).toEqual([
      'gold_item_performance b2 2025-02 through 2025-02-28',
      'gold_order_header b1 2025-02 through 2025-02-28',
      'gold_order_header b1 2025-03 through 2025-03-25',
    ]);
    // March 24th has settled, the 25th not yet: March is rolled up through the 24th.
    expect(due('2025-03-31')).toContain('gold_order_header b1 2025-03 through 2025-03-24');
    // Nothing of March has settled.
    expect(due('2025-03-30').filter((target) => target.includes('2025-03'))).toEqual([]);
    expect(due('2025-04-08')).toContain('gold_order_header b1 2025-03 through 2025-03-31');
  });
});
