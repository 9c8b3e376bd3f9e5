import type { MenuItem } from './brand-menu.js';
import type { Rng } from './rng.js';

/** Ours: how often a customer opens an optional group at all, and settles for a required group's minimum. */
const OPTIONAL_GROUP_SHARE = 0.3;
const MINIMUM_ONLY_SHARE = 0.7;

/**
 * Modifier options for one line that satisfy every group's min and max: required groups always get
 * at least their minimum, optional ones sometimes 1..max. Options are distinct and in display
 * order (selection sampling, Knuth's algorithm S: no shuffle, no allocation beyond the result).
 */
export function pickModifiers(rng: Rng, item: MenuItem): string[] {
  const picked: string[] = [];
  for (const group of item.groups) {
    const max = Math.max(group.min, group.max);
    let count: number;
    if (group.min > 0) count = rng.chance(MINIMUM_ONLY_SHARE) ? group.min : rng.int(group.min, max);
    else count = max > 0 && rng.chance(OPTIONAL_GROUP_SHARE) ? rng.int(1, max) : 0;
    const options = group.optionIds;
    let needed = count;
    for (let i = 0; i < options.length && needed > 0; i++) {
      if (rng.float() * (options.length - i) < needed) {
        picked.push(options[i] as string);
        needed--;
      }
    }
  }
  return picked;
}
