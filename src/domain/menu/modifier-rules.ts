/** One modifier group as offered on one item, with its options in display order. */
export interface ModifierGroupRule {
  id: string;
  name: string;
  selection: 'single' | 'multiple';
  required: boolean;
  minSelections: number;
  maxSelections: number;
  options: ModifierOptionRule[];
}

export interface ModifierOptionRule {
  id: string;
  name: string;
  priceMinor: number;
  available: boolean;
}

/** A chosen option, denormalised so the order line keeps its name and price as sold. */
export interface ModifierSelection {
  groupId: string;
  groupName: string;
  optionId: string;
  name: string;
  priceMinor: number;
}

export interface ModifierError {
  /** `modifiers/<optionId>` for a problem with one option, `modifiers/<groupId>` for a group count. */
  field: string;
  message: string;
}

export type ModifierValidation =
  | { ok: true; selections: ModifierSelection[] }
  | { ok: false; errors: ModifierError[] };

/**
 * Checks the options a customer picked for one item against the item's modifier groups. Every
 * problem is reported at once so a client can fix the whole selection in one go.
 */
export function validateModifierSelection(
  groups: ModifierGroupRule[],
  selectedOptionIds: string[],
): ModifierValidation {
  const errors: ModifierError[] = [];
  const chosen = new Set<string>();
  // One error per duplicated option, however many extra copies were sent.
  const duplicated = new Set<string>();

  for (const optionId of selectedOptionIds) {
    const field = `modifiers/${optionId}`;
    if (chosen.has(optionId)) {
      if (!duplicated.has(optionId)) {
        duplicated.add(optionId);
        errors.push({ field, message: `Option ${optionId} is selected more than once` });
      }
      continue;
    }
    chosen.add(optionId);
    const option = findOption(groups, optionId);
    if (!option) {
      errors.push({ field, message: `Option ${optionId} is not offered for this item` });
    } else if (!option.available) {
      errors.push({ field, message: `${option.name} is not available right now` });
    }
  }

  const selections: ModifierSelection[] = [];
  for (const group of groups) {
    const picked = group.options.filter((option) => chosen.has(option.id));
    const min = Math.max(group.minSelections, group.required ? 1 : 0);
    // A single-choice group allows one option whatever its max says.
    const max = group.selection === 'single' ? Math.min(1, group.maxSelections) : group.maxSelections;
    if (picked.length < min) {
      errors.push({
        field: `modifiers/${group.id}`,
        message: `Choose at least ${plural(min)} for ${group.name}`,
      });
    } else if (picked.length > max) {
      errors.push({
        field: `modifiers/${group.id}`,
        message: `Choose at most ${plural(max)} for ${group.name}`,
      });
    }
    for (const option of picked) {
      selections.push({
        groupId: group.id,
        groupName: group.name,
        optionId: option.id,
        name: option.name,
        priceMinor: option.priceMinor,
      });
    }
  }

  return errors.length > 0 ? { ok: false, errors } : { ok: true, selections };
}

function findOption(groups: ModifierGroupRule[], optionId: string): ModifierOptionRule | undefined {
  for (const group of groups) {
    const option = group.options.find((candidate) => candidate.id === optionId);
    if (option) return option;
  }
  return undefined;
}

function plural(count: number): string {
  return count === 1 ? '1 option' : `${count} options`;
}
