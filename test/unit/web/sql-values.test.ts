import { describe, expect, it } from 'vitest';
import {
  cellText,
  chartData,
  isNumericType,
  isTemporalType,
  numericColumns,
  toEpochSeconds,
  toNumber,
} from '../../../web/src/sql/sql-values.js';

describe('SQL result values', () => {
  it("tells DuckDB's numeric and temporal types apart from the rest", () => {
    for (const type of [
      'INTEGER',
      'BIGINT',
      'HUGEINT',
      'UBIGINT',
      'DOUBLE',
      'FLOAT',
      'DECIMAL(18,3)',
      'SMALLINT',
    ])
      expect(isNumericType(type), type).toBe(true);
    for (const type of ['VARCHAR', 'BOOLEAN', 'DATE', 'JSON', 'INTEGER[]', 'INTERVAL'])
      expect(isNumericType(type), type).toBe(false);
    for (const type of ['DATE', 'TIMESTAMP', 'TIMESTAMP WITH TIME ZONE', 'TIMESTAMPTZ', 'TIMESTAMP_MS'])
      expect(isTemporalType(type), type).toBe(true);
    expect(isTemporalType('TIME')).toBe(false);
  });

  it('reads numbers sent as numbers or text, and nothing else', () => {
    expect(toNumber(12)).toBe(12);
    expect(toNumber('9007199254740993')).toBe(9007199254740992);
    expect(toNumber('12.50')).toBe(12.5);
    expect(toNumber('')).toBeNull();
    expect(toNumber('abc')).toBeNull();
    expect(toNumber(null)).toBeNull();
  });

  it('reads dates and timestamps as UTC wall clock unless they carry a zone', () => {
    expect(toEpochSeconds('2026-03-01')).toBe(Date.UTC(2026, 2, 1) / 1000);
    expect(toEpochSeconds('2026-03-01 10:30:00')).toBe(Date.UTC(2026, 2, 1, 10, 30) / 1000);
    expect(toEpochSeconds('2026-03-01 10:30:00+02')).toBe(Date.UTC(2026, 2, 1, 8, 30) / 1000);
    expect(toEpochSeconds('2026-03-01T10:30:00.500Z')).toBe(Date.UTC(2026, 2, 1, 10, 30, 0, 500) / 1000);
    expect(toEpochSeconds('not a date')).toBeNull();
  });

  it('spells NULL out and shows lists as JSON in the table', () => {
    expect(cellText(null)).toBe('NULL');
    expect(cellText([1, 'a'])).toBe('[1,"a"]');
    expect(cellText(false)).toBe('false');
  });

  it('charts numeric and temporal x sorted, and any other x as categories in row order', () => {
    const columns = [
      { name: 'day', type: 'DATE' },
      { name: 'name', type: 'VARCHAR' },
      { name: 'orders', type: 'BIGINT' },
      { name: 'hour', type: 'INTEGER' },
    ];
    const rows = [
      ['2026-03-02', 'b', '5', 14],
      ['2026-03-01', 'a', '3', 9],
      [null, 'c', null, 11],
    ];
    expect(numericColumns(columns)).toEqual([2, 3]);
    expect(chartData({ columns, rows }, 0, 2)).toEqual({
      kind: 'time',
      xs: [Date.UTC(2026, 2, 1) / 1000, Date.UTC(2026, 2, 2) / 1000],
      ys: [3, 5],
      labels: [],
      wholeDays: true,
    });
    const stamped = [
      { name: 'at', type: 'TIMESTAMP WITH TIME ZONE' },
      { name: 'orders', type: 'BIGINT' },
    ];
    expect(chartData({ columns: stamped, rows: [['2026-03-01 10:30:00+00', '2']] }, 0, 1)).toMatchObject({
      kind: 'time',
      wholeDays: false,
    });
    expect(chartData({ columns, rows }, 3, 2)).toEqual({
      kind: 'number',
      xs: [9, 11, 14],
      ys: [3, null, 5],
      labels: [],
      wholeDays: false,
    });
    expect(chartData({ columns, rows }, 1, 2)).toEqual({
      kind: 'category',
      xs: [0, 1, 2],
      ys: [5, 3, null],
      labels: ['b', 'a', 'c'],
      wholeDays: false,
    });
  });
});
