import type { Queryable } from '../storage/database.js';

/**
 * Businesses' history marks (`businesses.history_through`, migration 012), as the consumers that act
 * on the present read them. A mark is set only in the transaction that creates its business and never
 * changes, and every event of a business is written after that transaction commits; so once a
 * consumer has seen an event of a business, what it read for the mark — a time or none — holds for
 * good, and each business costs one query per process.
 */
export class HistoryMarks {
  private readonly known = new Map<string, number | null>();

  constructor(private readonly db: Queryable) {}

  /** The marks of these businesses (epoch milliseconds, or null), read once each. */
  async of(businessIds: Iterable<string>): Promise<ReadonlyMap<string, number | null>> {
    const missing = [...new Set(businessIds)].filter((id) => !this.known.has(id));
    if (missing.length > 0) {
      const { rows } = await this.db.query<{ id: string; through: number | null }>(
        `SELECT id, (extract(epoch FROM history_through) * 1000)::float8 AS through
           FROM businesses WHERE id = ANY($1::uuid[])`,
        [missing],
      );
      const found = new Map(rows.map((row) => [row.id, row.through]));
      // A business not (or no longer) there has no mark: its events are judged by age alone.
      for (const id of missing) this.known.set(id, found.get(id) ?? null);
    }
    return this.known;
  }
}
