/**
 * The one storage contract. PostgreSQL (through a `pg` pool) and PGlite (embedded) both implement it,
 * and every integration suite runs against both, so nothing above this line knows which one it has.
 */
export type SqlValue = string | number | boolean | null | Date | readonly unknown[] | Record<string, unknown>;

export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
  /** Runs a multi-statement script without parameters (migrations, seeds). */
  exec(sql: string): Promise<void>;
}

/** A transaction in progress, as `Database.transaction` hands it to its work. */
export interface Transaction extends Queryable {
  /**
   * Ends the work: waits for `lastWrites` (statements already issued, not yet awaited) and commits,
   * with COMMIT sent behind them rather than after their answers (one round trip fewer on
   * PostgreSQL). Throws the first of them that failed, and then nothing is committed. Each of them
   * must have issued all its statements already, and fail only as its statements do: a check in code
   * on their results would come after COMMIT. Nothing may be issued after it; the transaction is
   * committed when it resolves (a joined transaction, when its owner commits).
   */
  commitAfter(lastWrites: readonly Promise<unknown>[]): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws.
   * State rows and their outbox events are always written through one of these. Statements `work`
   * issues without awaiting the previous one run in the order issued (PostgreSQL receives them in one
   * round trip), and a failure among them rolls the whole transaction back.
   */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Waits for every one of `statements`, then throws the first failure among them, if any. */
export async function settleAll(statements: readonly Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(statements)).find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * A transaction over `statements` whose `commitAfter` runs `commit`. What every implementation shares:
 * a statement issued after commitAfter is refused, since it would run outside the transaction or not
 * at all.
 */
export function transactionOf(
  statements: Queryable,
  commit: (lastWrites: readonly Promise<unknown>[]) => Promise<void>,
): Transaction {
  let committing = false;
  const open = () => {
    if (committing) throw new Error('the transaction is committing: nothing may be issued after commitAfter');
  };
  return {
    query: (sql, params) => {
      open();
      return statements.query(sql, params);
    },
    exec: (sql) => {
      open();
      return statements.exec(sql);
    },
    commitAfter: (lastWrites) => {
      open();
      committing = true;
      return commit(lastWrites);
    },
  };
}
