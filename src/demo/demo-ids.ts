import { createHash } from 'node:crypto';

/**
 * Name-based ids for the demo rows (RFC 4122 version 5 layout over SHA-1): the same name always gives
 * the same id, so seeding twice, or from two processes at once, collides on primary keys instead of
 * creating a second copy.
 */
export function demoId(name: string): string {
  const bytes = createHash('sha1').update(`brigade-demo:${name}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The id of every kind of demo row, from the world-unique key of what it is. The seed writes these and
 * the simulator's view of the world uses the same functions, so the two always agree.
 */
export const demoIds = {
  business: (key: string) => demoId(`business:${key}`),
  location: (key: string) => demoId(`location:${key}`),
  table: (locationKey: string, number: string) => demoId(`table:${locationKey}:${number}`),
  modifierGroup: (key: string) => demoId(`modifier-group:${key}`),
  modifierOption: (groupKey: string, optionName: string) =>
    demoId(`modifier-option:${groupKey}:${optionName}`),
  brand: (key: string) => demoId(`brand:${key}`),
  menu: (brandKey: string) => demoId(`menu:${brandKey}`),
  category: (brandKey: string, parentId: string | null, name: string) =>
    demoId(`category:${brandKey}:${parentId ?? ''}:${name}`),
  item: (key: string) => demoId(`item:${key}`),
  offer: (key: string) => demoId(`offer:${key}`),
  user: (key: string) => demoId(`user:${key}`),
};
