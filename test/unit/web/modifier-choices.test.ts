import { describe, expect, it } from 'vitest';
import {
  choiceProblems,
  type ModifierGroup,
  pickedOptionIds,
  togglePick,
  unitPrice,
} from '../../../web/src/customer/modifier-choices.js';

const option = (id: string, priceMinor = 0, available = true) => ({ id, name: id, priceMinor, available });
const doneness: ModifierGroup = {
  id: 'doneness',
  name: 'Doneness',
  selection: 'single',
  required: true,
  minSelections: 1,
  maxSelections: 1,
  options: [option('rare'), option('medium'), option('well')],
};
const addOns: ModifierGroup = {
  id: 'add-ons',
  name: 'Add-ons',
  selection: 'multiple',
  required: false,
  minSelections: 0,
  maxSelections: 2,
  options: [option('cheese', 150), option('bacon', 250), option('avocado', 200, false)],
};

describe('a dish form’s choices', () => {
  it('asks for a required single choice and accepts one', () => {
    expect(choiceProblems([doneness], {})).toEqual(['Doneness: choose one.']);
    expect(choiceProblems([doneness], { doneness: ['rare'] })).toEqual([]);
  });

  it('replaces a single choice and toggles multiple ones', () => {
    let picks = togglePick({}, doneness, 'rare');
    picks = togglePick(picks, doneness, 'well');
    expect(picks.doneness).toEqual(['well']);
    picks = togglePick(picks, addOns, 'cheese');
    picks = togglePick(picks, addOns, 'bacon');
    picks = togglePick(picks, addOns, 'cheese');
    expect(picks['add-ons']).toEqual(['bacon']);
  });

  it('refuses more than the group allows and options not available now', () => {
    expect(choiceProblems([addOns], { 'add-ons': ['cheese', 'bacon', 'avocado'] })).toEqual([
      'Add-ons: choose at most 2.',
      'Add-ons: avocado is not available now.',
    ]);
    const atLeastTwo = { ...addOns, minSelections: 2 };
    expect(choiceProblems([atLeastTwo], { 'add-ons': ['cheese'] })).toEqual(['Add-ons: choose at least 2.']);
  });

  it('prices the dish with its picks and lists them in the menu’s order', () => {
    const picks = { doneness: ['medium'], 'add-ons': ['bacon', 'cheese'] };
    expect(unitPrice({ priceMinor: 1500, modifierGroups: [doneness, addOns] }, picks)).toBe(1900);
    expect(pickedOptionIds([doneness, addOns], picks)).toEqual(['medium', 'cheese', 'bacon']);
  });
});
