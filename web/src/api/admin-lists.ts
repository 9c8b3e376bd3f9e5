import { api, query } from '../api/api-client.js';
import type { Page } from '../api/api-types.js';

/** A business's admin collection under `/api/v1/businesses/{id}/…`, every page of it. */
export async function listAll<T>(businessId: string, collection: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await api<Page<T>>(
      'GET',
      `/api/v1/businesses/${businessId}/${collection}${query({ limit: 200, cursor })}`,
    );
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

export const adminPath = (businessId: string, collection: string, id?: string) =>
  `/api/v1/businesses/${businessId}/${collection}${id ? `/${id}` : ''}`;
