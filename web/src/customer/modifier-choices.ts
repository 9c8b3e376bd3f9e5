import type { LiveItem } from './customer-types.js';

export type ModifierGroup = LiveItem['modifierGroups'][number];

/** The options picked, by group id. */
export type Picks = Record<string, readonly string[]>;

/**
 * What the picks break of the dish's rules, one sentence per group (empty when they can be sent): the
 * same rules the API applies when the line is added (required, at least, at most, one for a single
 * choice, available options only). The API still decides; this only saves a refused round trip and
 * says which group to fix.
 */
export function choiceProblems(groups: readonly ModifierGroup[], picks: Picks): string[] {
  const problems: string[] = [];
  for (const group of groups) {
    const picked = picks[group.id] ?? [];
    const least = Math.max(group.required ? 1 : 0, group.minSelections);
    const most = group.selection === 'single' ? 1 : group.maxSelections;
    if (picked.length < least)
      problems.push(least === 1 ? `${group.name}: choose one.` : `${group.name}: choose at least ${least}.`);
    else if (picked.length > most) problems.push(`${group.name}: choose at most ${most}.`);
    const unavailable = group.options.filter((option) => picked.includes(option.id) && !option.available);
    if (unavailable.length > 0)
      problems.push(
        `${group.name}: ${unavailable.map((option) => option.name).join(', ')} is not available now.`,
      );
  }
  return problems;
}

/** The picks after the guest toggles an option: a single choice replaces, a multiple one adds or removes. */
export function togglePick(picks: Picks, group: ModifierGroup, optionId: string): Picks {
  const picked = picks[group.id] ?? [];
  const next =
    group.selection === 'single'
      ? [optionId]
      : picked.includes(optionId)
        ? picked.filter((id) => id !== optionId)
        : [...picked, optionId];
  return { ...picks, [group.id]: next };
}

/** The price of one dish with its picks, in minor units. */
export function unitPrice(item: Pick<LiveItem, 'priceMinor' | 'modifierGroups'>, picks: Picks): number {
  let price = item.priceMinor;
  for (const group of item.modifierGroups) {
    for (const option of group.options)
      if ((picks[group.id] ?? []).includes(option.id)) price += option.priceMinor;
  }
  return price;
}

/** Every picked option id, in the dish's group and option order (the order the API lists them). */
export function pickedOptionIds(groups: readonly ModifierGroup[], picks: Picks): string[] {
  return groups.flatMap((group) =>
    group.options.filter((option) => (picks[group.id] ?? []).includes(option.id)).map((option) => option.id),
  );
}

/** A group's rule in words: "required · pick one", "optional · up to 3", "required · pick 2 to 4". */
export function choiceRule(group: ModifierGroup): string {
  const need = group.required ? 'required' : 'optional';
  if (group.selection === 'single') return `${need} · pick one`;
  return group.minSelections > 0
    ? `${need} · pick ${group.minSelections} to ${group.maxSelections}`
    : `${need} · up to ${group.maxSelections}`;
}
