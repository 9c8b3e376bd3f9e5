import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckSession } from '../../../src/lake/duckdb/duck-session.js';
import { wallClock } from '../../../src/lake/zone-sql.js';

/** The local day and hour silver and the labour report take from an instant and candidate zones. */
describe('wallClock', () => {
  let duck: DuckSession;
  beforeAll(async () => {
    duck = await DuckSession.open();
  });
  afterAll(() => duck.close());

  const local = async (first: string | null, second: string | null) => {
    const [row] = await duck.rows<{ local: string }>(
      `SELECT strftime(${wallClock("TIMESTAMPTZ '2026-01-15 03:30:00+00'", '$1', '$2')}, '%Y-%m-%d %H:%M') AS local`,
      [first, second],
    );
    return row?.local;
  };

  it('takes the first zone DuckDB knows, then the next, then UTC', async () => {
    expect(await local('America/Vancouver', 'Asia/Kolkata')).toBe('2026-01-14 19:30');
    expect(await local('Mars/Olympus_Mons', 'Asia/Kolkata')).toBe('2026-01-15 09:00');
    expect(await local(null, 'Asia/Kolkata')).toBe('2026-01-15 09:00');
    expect(await local('Mars/Olympus_Mons', 'not a zone')).toBe('2026-01-15 03:30');
    expect(await local(null, null)).toBe('2026-01-15 03:30');
  });
});
