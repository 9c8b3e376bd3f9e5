import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ModifierGroupRule,
  validateModifierSelection,
} from '../../../src/domain/menu/modifier-rules.js';

const size: ModifierGroupRule = {
  id: 'g-size',
  name: 'Size',
  selection: 'single',
  required: true,
  minSelections: 1,
  maxSelections: 1,
  options: [
    { id: 'o-small', name: 'Small', priceMinor: 0, available: true },
    { id: 'o-large', name: 'Large', priceMinor: 250, available: true },
    { id: 'o-huge', name: 'Huge', priceMinor: 500, available: false },
  ],
};

const toppings: ModifierGroupRule = {
  id: 'g-top',
  name: 'Toppings',
  selection: 'multiple',
  required: false,
  minSelections: 0,
  maxSelections: 3,
  options: [
    { id: 'o-cheese', name: 'Cheese', priceMinor: 100, available: true },
    { id: 'o-bacon', name: 'Bacon', priceMinor: 200, available: true },
    { id: 'o-onion', name: 'Onion', priceMinor: 50, available: true },
    { id: 'o-egg', name: 'Egg', priceMinor: 150, available: true },
  ],
};

const sauces: ModifierGroupRule = {
  id: 'g-sauce',
  name: 'Sauces',
  selection: 'multiple',
  required: false,
  minSelections: 2,
  maxSelections: 2,
  options: [
    { id: 'o-bbq', name: 'BBQ', priceMinor: 0, available: true },
    { id: 'o-ranch', name: 'Ranch', priceMinor: 0, available: true },
    { id: 'o-hot', name: 'Hot', priceMinor: 0, available: true },
  ],
};

function fields(result: ReturnType<typeof validateModifierSelection>): string[] {
  return result.ok ? [] : result.errors.map((error) => error.field);
}

describe('validateModifierSelection', () => {
  it('returns selections in group order then option order, whatever order they were sent in', () => {
    const result = validateModifierSelection([size, toppings], ['o-onion', 'o-cheese', 'o-large']);
    expect(result).toEqual({
      ok: true,
      selections: [
        { groupId: 'g-size', groupName: 'Size', optionId: 'o-large', name: 'Large', priceMinor: 250 },
        { groupId: 'g-top', groupName: 'Toppings', optionId: 'o-cheese', name: 'Cheese', priceMinor: 100 },
        { groupId: 'g-top', groupName: 'Toppings', optionId: 'o-onion', name: 'Onion', priceMinor: 50 },
      ],
    });
  });

  it('accepts no selection when nothing is required', () => {
    expect(validateModifierSelection([toppings], [])).toEqual({ ok: true, selections: [] });
    expect(validateModifierSelection([], [])).toEqual({ ok: true, selections: [] });
  });

  it.each([
    ['an option of no group of the item', [size], ['o-small', 'o-nope'], ['modifiers/o-nope']],
    ['an option of another item', [size], ['o-small', 'o-cheese'], ['modifiers/o-cheese']],
    ['an unavailable option', [size], ['o-huge'], ['modifiers/o-huge']],
    ['a duplicate, reported once', [toppings], ['o-egg', 'o-egg', 'o-egg'], ['modifiers/o-egg']],
    ['a required group left empty', [size, toppings], ['o-cheese'], ['modifiers/g-size']],
    ['two options in a single group', [size], ['o-small', 'o-large'], ['modifiers/g-size']],
    [
      'more than max in a multiple group',
      [toppings],
      ['o-cheese', 'o-bacon', 'o-onion', 'o-egg'],
      ['modifiers/g-top'],
    ],
    ['fewer than min in an optional group', [sauces], ['o-bbq'], ['modifiers/g-sauce']],
    ['none in a group with min 2', [sauces], [], ['modifiers/g-sauce']],
  ])('rejects %s', (_label, groups, selected, expectedFields) => {
    const result = validateModifierSelection(groups, selected);
    expect(result.ok).toBe(false);
    expect(fields(result)).toEqual(expectedFields);
  });

  it('reports every problem at once with readable messages', () => {
    const result = validateModifierSelection([size, toppings], ['o-x', 'o-cheese', 'o-cheese', 'o-huge']);
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'modifiers/o-x', message: 'Option o-x is not offered for this item' },
        { field: 'modifiers/o-cheese', message: 'Option o-cheese is selected more than once' },
        { field: 'modifiers/o-huge', message: 'Huge is not available right now' },
      ],
    });
  });

  it('names the group and the bound in count errors', () => {
    const tooFew = validateModifierSelection([sauces], ['o-hot']);
    expect(tooFew).toEqual({
      ok: false,
      errors: [{ field: 'modifiers/g-sauce', message: 'Choose at least 2 options for Sauces' }],
    });
    const tooMany = validateModifierSelection([size], ['o-small', 'o-large']);
    expect(tooMany).toEqual({
      ok: false,
      errors: [{ field: 'modifiers/g-size', message: 'Choose at most 1 option for Size' }],
    });
  });

  it('treats required with min 0 as at least one', () => {
    const group: ModifierGroupRule = { ...toppings, required: true, minSelections: 0 };
    expect(fields(validateModifierSelection([group], []))).toEqual(['modifiers/g-top']);
    expect(validateModifierSelection([group], ['o-egg']).ok).toBe(true);
  });

  it('caps a single group at one even if its max says more', () => {
    const group: ModifierGroupRule = { ...toppings, selection: 'single', maxSelections: 3 };
    expect(fields(validateModifierSelection([group], ['o-egg', 'o-bacon']))).toEqual(['modifiers/g-top']);
  });

  it('property: accepted selections are exactly the distinct chosen options, within every bound', () => {
    const groups = [size, toppings, sauces];
    const allIds = [...groups.flatMap((g) => g.options.map((o) => o.id)), 'o-unknown'];
    let accepted = 0;
    // Random subsets are accepted only about once in 80 draws, so a third arm builds selections that
    // satisfy every group (in a shuffled order); free arrays bring duplicates and unknown ids.
    const withinBounds = fc
      .tuple(
        fc.constantFrom('o-small', 'o-large'),
        fc.subarray(['o-cheese', 'o-bacon', 'o-onion', 'o-egg'], { maxLength: 3 }),
        fc.subarray(['o-bbq', 'o-ranch', 'o-hot'], { minLength: 2, maxLength: 2 }),
      )
      .map(([one, some, two]) => [one, ...some, ...two])
      .chain((ids) => fc.shuffledSubarray(ids, { minLength: ids.length, maxLength: ids.length }));
    fc.assert(
      fc.property(
        fc.oneof(
          withinBounds,
          fc.shuffledSubarray(allIds),
          fc.array(fc.constantFrom(...allIds), { maxLength: 8 }),
        ),
        (selected) => {
          const result = validateModifierSelection(groups, selected);
          if (!result.ok) {
            expect(result.errors.length).toBeGreaterThan(0);
            return;
          }
          accepted += 1;
          expect(new Set(selected).size).toBe(selected.length);
          expect(result.selections.map((s) => s.optionId).sort()).toEqual([...selected].sort());
          for (const group of groups) {
            const count = result.selections.filter((s) => s.groupId === group.id).length;
            expect(count).toBeGreaterThanOrEqual(Math.max(group.minSelections, group.required ? 1 : 0));
            expect(count).toBeLessThanOrEqual(group.selection === 'single' ? 1 : group.maxSelections);
          }
          for (const selection of result.selections) {
            const option = groups.flatMap((g) => g.options).find((o) => o.id === selection.optionId);
            expect(option?.available).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
    // The checks above only run on accepted selections: make sure the run exercised them.
    expect(accepted).toBeGreaterThan(50);
  });
});
