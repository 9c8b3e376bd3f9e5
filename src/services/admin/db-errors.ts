import { AppError } from '../../errors/app-error.js';

import { sqlStateOf } from '../../storage/sql-state.js';

/**
 * Constraint violations the admin services can still hit after their own checks (two requests racing
 * for one slug or SKU, a delete racing an order placement). They are answered with coded errors,
 * never a 500.
 */
function translateDbError(error: unknown, uniqueDetail = 'Conflicts with existing data'): unknown {
  switch (sqlStateOf(error)) {
    case '23505':
      return new AppError('conflict', uniqueDetail);
    case '23503':
      return new AppError('in_use', 'A referenced row does not exist or is still referenced');
    case '23514':
      return new AppError('validation_failed', 'A value breaks a data rule');
    // invalid date or time value (e.g. 2025-02-30): the pattern passed, the calendar did not
    case '22007':
    case '22008':
      return new AppError('validation_failed', 'A date is not a real calendar date');
    default:
      return error;
  }
}

/** Runs a write and rethrows constraint violations as coded errors. */
export async function mapDbErrors<T>(work: () => Promise<T>, uniqueDetail?: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw translateDbError(error, uniqueDetail);
  }
}
