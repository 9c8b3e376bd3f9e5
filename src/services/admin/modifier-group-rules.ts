import type { FieldError } from '../../errors/app-error.js';

export interface ModifierGroupShape {
  selection: 'single' | 'multiple';
  required: boolean;
  minSelections: number;
  maxSelections: number;
  optionCount: number;
}

/**
 * The rules a modifier group must keep so that a customer can always make a valid choice. Pure:
 * returns every broken rule with the field it is about, so one response lists them all.
 */
export function modifierGroupProblems(group: ModifierGroupShape): FieldError[] {
  const problems: FieldError[] = [];
  if (group.optionCount === 0)
    problems.push({ field: 'body/options', message: 'must have at least one option' });
  if (group.minSelections > group.maxSelections) {
    problems.push({ field: 'body/minSelections', message: 'must not exceed maxSelections' });
  }
  if (group.selection === 'single' && group.maxSelections !== 1) {
    problems.push({ field: 'body/maxSelections', message: 'must be 1 for a single-selection group' });
  }
  if (group.required && group.minSelections < 1) {
    problems.push({ field: 'body/minSelections', message: 'must be at least 1 for a required group' });
  }
  if (group.optionCount > 0 && group.maxSelections > group.optionCount) {
    problems.push({ field: 'body/maxSelections', message: 'must not exceed the number of options' });
  }
  return problems;
}
