import { describe, expect, it } from 'vitest';
import { lineAndColumn, problemPosition } from '../../../web/src/sql/sql-position.js';

describe('SQL error positions', () => {
  it('turns an offset into a 1-based line and column', () => {
    const sql = 'SELECT order_id\nFROM orders\nWHER total > 0';
    expect(lineAndColumn(sql, 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn(sql, 33)).toEqual({ line: 3, column: 6 });
    expect(lineAndColumn(sql, 16)).toEqual({ line: 2, column: 1 });
    expect(lineAndColumn(sql, 999)).toEqual({ line: 3, column: 15 });
  });

  it('reads the position member only when it is a non-negative whole number', () => {
    expect(problemPosition({ code: 'sql_invalid', position: 33 })).toBe(33);
    expect(problemPosition({ code: 'sql_invalid' })).toBeNull();
    expect(problemPosition({ position: '33' })).toBeNull();
    expect(problemPosition({ position: -1 })).toBeNull();
  });
});
