import type { DemoModifierGroup } from './demo-catalog.js';

type Options = [name: string, priceMinor: number][];

/** A pick-one group: required means exactly one option, optional at most one. */
export function pickOne(key: string, name: string, required: boolean, options: Options): DemoModifierGroup {
  return {
    key,
    name,
    selection: 'single',
    required,
    minSelections: required ? 1 : 0,
    maxSelections: 1,
    options: options.map(([optionName, priceMinor]) => ({ name: optionName, priceMinor })),
  };
}

/** An optional pick-several group: up to `max` of the options. */
export function pickUpTo(key: string, name: string, max: number, options: Options): DemoModifierGroup {
  return {
    key,
    name,
    selection: 'multiple',
    required: false,
    minSelections: 0,
    maxSelections: max,
    options: options.map(([optionName, priceMinor]) => ({ name: optionName, priceMinor })),
  };
}
