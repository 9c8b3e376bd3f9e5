import { type Database, type Queryable, settleAll, transactionOf } from '../storage/database.js';

/**
 * The database as seen from inside the caller's transaction `tx`: a service that opens a transaction
 * of its own (the ingest service does) runs in `tx` instead, so its writes and the caller's commit or
 * roll back together. The caller owns the database: this view cannot close it.
 */
export function joinedTransaction(db: Database, tx: Queryable): Database {
  return {
    kind: db.kind,
    query: (sql, params) => tx.query(sql, params),
    exec: (sql) => tx.exec(sql),
    // The writes are the owner's to commit: ending the joined work only waits for them.
    transaction: (work) => work(transactionOf(tx, settleAll)),
    close: () => Promise.reject(new Error('a joined transaction cannot close the database')),
  };
}
