import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTINCT_CUSTOMERS } from '../../../src/analytics/report-sql.js';
import { DuckSession, sqlString } from '../../../src/lake/duckdb/duck-session.js';
import { CUSTOMER_SPLIT_COLUMNS } from '../../../src/lake/gold/order-header-sql.js';

/**
 * gold_order_header splits the customer id into customer_uuid and customer_text so reports can count
 * distinct customers over UUID values; the count must stay exactly that of the ids as text, whatever
 * the ids: canonical UUIDs, the same UUID in upper case or without hyphens (another id as text),
 * foreign ids, guests (NULL).
 */
describe('distinct customers over the split customer id', () => {
  let duck: DuckSession;
  beforeAll(async () => {
    duck = await DuckSession.open();
  });
  afterAll(() => duck.close());

  async function counts(ids: readonly (string | null)[]) {
    const values = ids.map((id) => `(${id === null ? 'NULL' : sqlString(id)})`).join(', ');
    const [row] = await duck.rows<{ split: string; text: string; uuids: string }>(
      `WITH headers AS (SELECT customer_id, ${CUSTOMER_SPLIT_COLUMNS} FROM (VALUES ${values}) AS v(customer_id))
       SELECT ${DISTINCT_CUSTOMERS} AS split, count(DISTINCT customer_id) AS text,
              count(customer_uuid) AS uuids FROM headers`,
    );
    return { split: Number(row?.split), text: Number(row?.text), uuids: Number(row?.uuids) };
  }

  it('counts each id once, by UUID value when it is a canonical UUID and by text otherwise', async () => {
    const id = 'c0000000-0000-4000-8000-000000000001';
    const result = await counts([id, id, id.toUpperCase(), id.replaceAll('-', ''), 'pos-42', 'pos-42', null]);
    expect(result).toEqual({ split: 4, text: 4, uuids: 2 });
  });

  it('equals the count of distinct ids as text on any mix', async () => {
    const uuid = fc.uuid();
    const id = fc.oneof(
      uuid,
      uuid.map((u) => u.toUpperCase()),
      uuid.map((u) => u.replaceAll('-', '')),
      fc.string({ maxLength: 12 }),
      fc.constant(null),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(id, { minLength: 1, maxLength: 40 }).chain((ids) =>
          // Repeat some ids, as returning customers do.
          fc.shuffledSubarray(ids).map((again) => [...ids, ...again]),
        ),
        async (ids) => {
          const { split, text } = await counts(ids);
          expect(split).toBe(text);
        },
      ),
      { numRuns: 100 },
    );
  });
});
