import { minorToText, textToMinor } from '../app/money-text.js';
import type { FieldMessages } from './field-errors.js';
import type { ModifierGroup, ModifierGroupCreate } from './menu-types.js';

/** A modifier group as its form holds it; options keep their ids so a save keeps them (and their sales). */
export interface OptionDraft {
  id: string | undefined;
  name: string;
  priceMinor: string;
  available: boolean;
}

export interface GroupDraft {
  name: string;
  selection: 'single' | 'multiple';
  required: boolean;
  minSelections: string;
  maxSelections: string;
  options: OptionDraft[];
}

export const GROUP_FIELDS = [
  'name',
  'selection',
  'required',
  'minSelections',
  'maxSelections',
  'options',
] as const;

export function draftOfGroup(group: ModifierGroup, currency: string): GroupDraft {
  return {
    name: group.name,
    selection: group.selection,
    required: group.required,
    minSelections: String(group.minSelections),
    maxSelections: String(group.maxSelections),
    options: group.options.map((option) => ({
      id: option.id,
      name: option.name,
      priceMinor: minorToText(option.priceMinor, currency),
      available: option.available,
    })),
  };
}

export function newGroupDraft(): GroupDraft {
  return {
    name: '',
    selection: 'single',
    required: false,
    minSelections: '0',
    maxSelections: '1',
    options: [{ id: undefined, name: '', priceMinor: '0', available: true }],
  };
}

export function emptyOption(): OptionDraft {
  return { id: undefined, name: '', priceMinor: '0', available: true };
}

export type GroupResult = { ok: true; body: ModifierGroupCreate } | { ok: false; messages: FieldMessages };

/**
 * The whole group as the API takes it (create, and update: the option list is always sent whole), or
 * the fields that are not numbers. The selection rules (min ≤ max, single means 1, …) are the API's to
 * check; its answer names each field.
 */
export function bodyOfGroupDraft(draft: GroupDraft, currency: string): GroupResult {
  const messages: FieldMessages = new Map();
  const count = (field: 'minSelections' | 'maxSelections'): number => {
    const text = draft[field].trim();
    if (!/^\d+$/.test(text)) messages.set(field, ['must be a whole number']);
    return Number(text);
  };
  const minSelections = count('minSelections');
  const maxSelections = count('maxSelections');
  const options = draft.options.map((option, index) => {
    const price = textToMinor(option.priceMinor, currency);
    if (!price.ok) messages.set(`options/${index}/priceMinor`, [price.message]);
    return {
      ...(option.id ? { id: option.id } : {}),
      name: option.name.trim(),
      priceMinor: price.ok ? (price.minor ?? 0) : 0,
      available: option.available,
    };
  });
  if (messages.size > 0) return { ok: false, messages };
  return {
    ok: true,
    body: {
      name: draft.name.trim(),
      selection: draft.selection,
      required: draft.required,
      minSelections,
      maxSelections,
      options,
    },
  };
}
