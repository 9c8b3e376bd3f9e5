import { formatMoney } from '../app/format.js';
import type { MenuSelection } from './menu-selection.js';
import type { ModifierGroup } from './menu-types.js';

/** The business's modifier groups: their rules, options with prices, and how many items offer each. */
export function GroupList({
  groups,
  currency,
  use,
  selection,
  onSelect,
}: {
  groups: readonly ModifierGroup[];
  currency: string;
  use: ReadonlyMap<string, number>;
  selection: MenuSelection | null;
  onSelect: (selection: MenuSelection) => void;
}) {
  if (groups.length === 0) return <p class="empty">No modifier groups yet.</p>;
  return (
    <ul class="group-list">
      {groups.map((group) => (
        <li key={group.id}>
          <button
            type="button"
            class="item-pick group-pick"
            aria-current={selection?.kind === 'group' && selection.id === group.id ? 'true' : undefined}
            onClick={() => onSelect({ kind: 'group', id: group.id })}
          >
            <span class="item-pick-name">{group.name}</span>
            <span class="muted small">
              {group.selection === 'single'
                ? 'one choice'
                : `${group.minSelections}–${group.maxSelections} choices`}
              {group.required ? ', required' : ', optional'} · {use.get(group.id) ?? 0} items
            </span>
            <span class="small group-options">
              {group.options
                .map((option) =>
                  option.priceMinor > 0
                    ? `${option.name} +${formatMoney(option.priceMinor, currency)}`
                    : option.name,
                )
                .join(' · ')}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
