import { minorToText, textToMinor } from '../app/money-text.js';
import type { FieldMessages } from './field-errors.js';
import type { Item, ItemCreate } from './menu-types.js';

/**
 * An item as its form holds it: text as typed (money as decimals), turned back into the API's body on
 * save. Pure, so the unit tests run it under Node.
 */
export interface ItemDraft {
  categoryId: string;
  name: string;
  description: string;
  priceMinor: string;
  costMinor: string;
  sku: string;
  station: string;
  prepMinutes: string;
  calories: string;
  allergens: string;
  tags: string;
  imageUrl: string;
  available: boolean;
  modifierGroupIds: string[];
}

/** Every field the item form shows, by its name in the API's body (the field errors' pointers). */
export const ITEM_FIELDS = [
  'categoryId',
  'name',
  'description',
  'priceMinor',
  'costMinor',
  'sku',
  'station',
  'prepMinutes',
  'calories',
  'allergens',
  'tags',
  'imageUrl',
  'available',
  'modifierGroupIds',
] as const;

/** The fields a save sends: the create body minus what the form never changes. */
export type ItemFields = Required<
  Omit<ItemCreate, 'menuId' | 'currency' | 'availabilitySchedule' | 'displayOrder'>
>;

const list = (values: readonly string[]) => values.join(', ');

export function draftOfItem(item: Item): ItemDraft {
  return {
    categoryId: item.categoryId,
    name: item.name,
    description: item.description ?? '',
    priceMinor: minorToText(item.priceMinor, item.currency),
    costMinor: minorToText(item.costMinor, item.currency),
    sku: item.sku ?? '',
    station: item.station,
    prepMinutes: String(item.prepMinutes),
    calories: item.calories === null ? '' : String(item.calories),
    allergens: list(item.allergens),
    tags: list(item.tags),
    imageUrl: item.imageUrl ?? '',
    available: item.available,
    modifierGroupIds: [...item.modifierGroupIds],
  };
}

/** A new item's starting point: the API's own defaults (station main, 10 minutes, available). */
export function newItemDraft(categoryId: string): ItemDraft {
  return {
    categoryId,
    name: '',
    description: '',
    priceMinor: '',
    costMinor: '',
    sku: '',
    station: 'main',
    prepMinutes: '10',
    calories: '',
    allergens: '',
    tags: '',
    imageUrl: '',
    available: true,
    modifierGroupIds: [],
  };
}

/** "nuts, gluten,, dairy" → ["nuts", "gluten", "dairy"]; repeats are the API's to refuse. */
function labels(text: string): string[] {
  return text
    .split(',')
    .map((label) => label.trim())
    .filter((label) => label !== '');
}

function wholeNumber(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : undefined;
}

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

export type DraftResult = { ok: true; fields: ItemFields } | { ok: false; messages: FieldMessages };

/**
 * The body of a save, or the fields that are not numbers at all. Ranges (a negative price, an empty
 * name) are left to the API, whose answer names the field; the form shows it next to it.
 */
export function fieldsOfDraft(draft: ItemDraft, currency: string): DraftResult {
  const messages: FieldMessages = new Map();
  const price = textToMinor(draft.priceMinor, currency);
  const cost = textToMinor(draft.costMinor, currency);
  const prep = wholeNumber(draft.prepMinutes);
  const calories = wholeNumber(draft.calories);
  if (!price.ok) messages.set('priceMinor', [price.message]);
  else if (price.minor === null) messages.set('priceMinor', ['is required']);
  if (!cost.ok) messages.set('costMinor', [cost.message]);
  if (prep === undefined || prep === null) messages.set('prepMinutes', ['must be a whole number of minutes']);
  if (calories === undefined) messages.set('calories', ['must be a whole number']);
  if (
    !price.ok ||
    price.minor === null ||
    !cost.ok ||
    prep === undefined ||
    prep === null ||
    calories === undefined
  ) {
    return { ok: false, messages };
  }
  return {
    ok: true,
    fields: {
      categoryId: draft.categoryId,
      name: draft.name.trim(),
      description: orNull(draft.description),
      priceMinor: price.minor,
      costMinor: cost.minor,
      sku: orNull(draft.sku),
      station: draft.station.trim(),
      prepMinutes: prep,
      calories,
      allergens: labels(draft.allergens),
      tags: labels(draft.tags),
      imageUrl: orNull(draft.imageUrl),
      available: draft.available,
      modifierGroupIds: [...draft.modifierGroupIds],
    },
  };
}

/** The fields edited since the draft was read: what a PATCH sends (nothing edited → empty). */
export function changedFields(saved: ItemDraft, draft: ItemDraft, fields: ItemFields): Partial<ItemFields> {
  const changes: Partial<ItemFields> = {};
  for (const key of ITEM_FIELDS) {
    if (JSON.stringify(saved[key]) !== JSON.stringify(draft[key])) {
      (changes as Record<string, unknown>)[key] = fields[key];
    }
  }
  return changes;
}

/**
 * The item changed on the server (the list's availability switch) while its form is open: fields not
 * edited here take the new values, edited ones stay as typed — so a later save does not undo the switch.
 */
export function rebaseDraft(saved: ItemDraft, draft: ItemDraft, fresh: ItemDraft): ItemDraft {
  const rebased = { ...draft };
  for (const key of ITEM_FIELDS) {
    if (JSON.stringify(saved[key]) === JSON.stringify(draft[key])) {
      (rebased as Record<string, unknown>)[key] = fresh[key];
    }
  }
  return rebased;
}
