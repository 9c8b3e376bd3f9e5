import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../../../web/src/api/api-problem.js';
import { minorToText, textToMinor } from '../../../web/src/app/money-text.js';
import { fieldMessages, messagesElsewhere, messagesFor } from '../../../web/src/menu/field-errors.js';
import { bodyOfGroupDraft, draftOfGroup, newGroupDraft } from '../../../web/src/menu/group-draft.js';
import {
  changedFields,
  draftOfItem,
  fieldsOfDraft,
  newItemDraft,
  rebaseDraft,
} from '../../../web/src/menu/item-draft.js';
import {
  categoryChoices,
  countItems,
  findItem,
  groupUse,
  searchTree,
  subtreeIds,
} from '../../../web/src/menu/menu-tree-walk.js';
import type { Item, ModifierGroup, TreeCategory } from '../../../web/src/menu/menu-types.js';

const STAMP = '2026-01-01T00:00:00.000Z';

function item(overrides: Partial<Item> = {}): Item & { modifierGroups: ModifierGroup[] } {
  return {
    id: 'item-1',
    businessId: 'biz',
    menuId: 'menu',
    categoryId: 'cat-1',
    name: 'Pancakes',
    description: null,
    priceMinor: 1095,
    costMinor: 358,
    currency: 'CAD',
    sku: 'NWT-1',
    station: 'grill',
    prepMinutes: 12,
    available: true,
    availabilitySchedule: null,
    allergens: ['gluten', 'dairy'],
    tags: [],
    imageUrl: null,
    calories: null,
    displayOrder: 0,
    modifierGroupIds: [],
    createdAt: STAMP,
    updatedAt: STAMP,
    modifierGroups: [],
    ...overrides,
  };
}

function category(id: string, items: Item[], categories: TreeCategory[] = []): TreeCategory {
  return {
    id,
    businessId: 'biz',
    menuId: 'menu',
    parentId: null,
    name: id,
    description: null,
    displayOrder: 0,
    createdAt: STAMP,
    updatedAt: STAMP,
    items: items.map((one) => ({ ...one, modifierGroups: [] })),
    categories,
  };
}

describe('money as typed and as sent', () => {
  it('reads decimals into exact minor units in the currency', () => {
    expect(textToMinor('12.5', 'CAD')).toEqual({ ok: true, minor: 1250 });
    expect(textToMinor('0.29', 'USD')).toEqual({ ok: true, minor: 29 });
    expect(textToMinor(' 3,75 ', 'EUR')).toEqual({ ok: true, minor: 375 });
    expect(textToMinor('1500', 'JPY')).toEqual({ ok: true, minor: 1500 });
    expect(textToMinor('', 'CAD')).toEqual({ ok: true, minor: null });
  });

  it('passes a negative amount on for the API to judge, and refuses what is not an amount', () => {
    expect(textToMinor('-5', 'CAD')).toEqual({ ok: true, minor: -500 });
    expect(textToMinor('12.345', 'CAD').ok).toBe(false);
    expect(textToMinor('1.5', 'JPY').ok).toBe(false);
    expect(textToMinor('abc', 'CAD').ok).toBe(false);
    expect(textToMinor('.', 'CAD').ok).toBe(false);
  });

  it('writes minor units back as plain decimals', () => {
    expect(minorToText(1095, 'CAD')).toBe('10.95');
    expect(minorToText(5, 'CAD')).toBe('0.05');
    expect(minorToText(1500, 'JPY')).toBe('1500');
    expect(minorToText(null, 'CAD')).toBe('');
  });
});

describe("the API's field errors", () => {
  const problem = new ApiProblem(400, {
    code: 'validation_failed',
    errors: [
      { field: 'body/priceMinor', message: 'must be >= 0' },
      { field: 'body/allergens/1', message: 'must NOT have more than 50 characters' },
      { field: 'body/displayOrder', message: 'must be <= 100000' },
    ],
  });

  it('keys them by the path below the body, a field collecting its inner paths', () => {
    const messages = fieldMessages(problem);
    expect(messagesFor(messages, 'priceMinor')).toEqual(['must be >= 0']);
    expect(messagesFor(messages, 'allergens')).toEqual(['must NOT have more than 50 characters']);
    expect(messagesElsewhere(messages, ['priceMinor', 'allergens'])).toEqual([
      ['displayOrder', ['must be <= 100000']],
    ]);
  });

  it("reads a conflict's field extension (the SKU taken)", () => {
    const conflict = new ApiProblem(409, { code: 'conflict', detail: 'Another item has this SKU' });
    (conflict.body as Record<string, unknown>).field = 'sku';
    expect(messagesFor(fieldMessages(conflict), 'sku')).toEqual(['Another item has this SKU']);
    expect(fieldMessages(new Error('offline')).size).toBe(0);
  });
});

describe('the item form', () => {
  it('sends only the fields edited, money in minor units and lists split', () => {
    const saved = draftOfItem(item());
    const draft = {
      ...saved,
      name: 'Blueberry pancakes',
      priceMinor: '11.5',
      allergens: 'gluten, dairy, egg',
    };
    const result = fieldsOfDraft(draft, 'CAD');
    if (!result.ok) throw new Error('expected a body');
    expect(changedFields(saved, draft, result.fields)).toEqual({
      name: 'Blueberry pancakes',
      priceMinor: 1150,
      allergens: ['gluten', 'dairy', 'egg'],
    });
    expect(changedFields(saved, { ...saved }, result.fields)).toEqual({});
  });

  it('names the fields that are not numbers, and leaves ranges to the API', () => {
    const draft = { ...newItemDraft('cat-1'), name: 'Soup', priceMinor: 'ten', prepMinutes: '' };
    const result = fieldsOfDraft(draft, 'CAD');
    expect(result.ok).toBe(false);
    if (!result.ok) expect([...result.messages.keys()]).toEqual(['priceMinor', 'prepMinutes']);
    const negative = fieldsOfDraft({ ...draft, priceMinor: '-1', prepMinutes: '5' }, 'CAD');
    expect(negative.ok && negative.fields.priceMinor).toBe(-100);
  });

  it('follows a change made elsewhere in the fields not edited here', () => {
    const saved = draftOfItem(item());
    const draft = { ...saved, name: 'Typed here' };
    const fresh = draftOfItem(item({ available: false, name: 'Renamed elsewhere' }));
    const rebased = rebaseDraft(saved, draft, fresh);
    expect([rebased.available, rebased.name]).toEqual([false, 'Typed here']);
  });

  it('clears optional text to null', () => {
    const result = fieldsOfDraft({ ...draftOfItem(item()), sku: '  ', costMinor: '' }, 'CAD');
    expect(result.ok && [result.fields.sku, result.fields.costMinor]).toEqual([null, null]);
  });
});

describe('the modifier group form', () => {
  it('sends the whole option list, keeping option ids', () => {
    const group: ModifierGroup = {
      id: 'g',
      businessId: 'biz',
      name: 'Side',
      selection: 'single',
      required: true,
      minSelections: 1,
      maxSelections: 1,
      options: [{ id: 'o1', name: 'Fries', priceMinor: 0, available: true, displayOrder: 0 }],
      createdAt: STAMP,
      updatedAt: STAMP,
    };
    const draft = draftOfGroup(group, 'CAD');
    draft.options.push({ id: undefined, name: 'Poutine', priceMinor: '3.50', available: true });
    const result = bodyOfGroupDraft(draft, 'CAD');
    expect(result.ok && result.body.options).toEqual([
      { id: 'o1', name: 'Fries', priceMinor: 0, available: true },
      { name: 'Poutine', priceMinor: 350, available: true },
    ]);
  });

  it('points at the option whose price is not an amount', () => {
    const draft = newGroupDraft();
    draft.options = [{ id: undefined, name: 'Extra', priceMinor: 'x', available: true }];
    const result = bodyOfGroupDraft({ ...draft, maxSelections: 'one' }, 'CAD');
    expect(result.ok).toBe(false);
    if (!result.ok) expect([...result.messages.keys()]).toEqual(['maxSelections', 'options/0/priceMinor']);
  });
});

describe('reading the menu tree', () => {
  const burger = item({ id: 'burger', name: 'Smash burger', modifierGroupIds: ['side'] });
  const fries = item({ id: 'fries', name: 'Fries', tags: ['vegan'], categoryId: 'sides' });
  const tree = [category('mains', [burger], [category('sides', [fries])]), category('drinks', [])];

  it('flattens categories into labelled choices and finds items anywhere', () => {
    expect(categoryChoices(tree).map((choice) => choice.label)).toEqual(['mains', 'mains › sides', 'drinks']);
    expect(findItem(tree, 'fries')?.name).toBe('Fries');
    expect(countItems(tree)).toBe(2);
    const mains = tree[0];
    if (!mains) throw new Error('no mains');
    expect([...subtreeIds(mains)]).toEqual(['mains', 'sides']);
    expect(groupUse(tree).get('side')).toBe(1);
  });

  it('narrows to matching items, keeping the categories on the way', () => {
    const found = searchTree(tree, 'VEGAN');
    expect(found.map((one) => one.id)).toEqual(['mains']);
    expect(found[0]?.items).toEqual([]);
    expect(found[0]?.categories[0]?.items.map((one) => one.id)).toEqual(['fries']);
    expect(searchTree(tree, '  ')).toHaveLength(2);
  });
});
