import type { Queryable } from '../../storage/database.js';
import { notFound } from './references.js';

/** Prices and offers default to the business's currency when the request does not name one. */
export async function businessCurrency(tx: Queryable, businessId: string): Promise<string> {
  const { rows } = await tx.query<{ currency: string }>('SELECT currency FROM businesses WHERE id = $1', [
    businessId,
  ]);
  const currency = rows[0]?.currency;
  if (!currency) throw notFound('Business');
  return currency;
}
