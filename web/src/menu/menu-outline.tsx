import { formatMoney } from '../app/format.js';
import type { MenuSelection } from './menu-selection.js';
import type { Item, TreeCategory } from './menu-types.js';

export interface MenuOutlineProps {
  categories: readonly TreeCategory[];
  currency: string;
  selection: MenuSelection | null;
  mayWrite: boolean;
  /** Items whose availability switch is waiting for the API. */
  switching: ReadonlySet<string>;
  onSelect: (selection: MenuSelection) => void;
  onToggle: (item: Item) => void;
}

/**
 * The menu's categories, nested, each with its items: name, price, and an availability switch that
 * saves at once. Picking an item or a category opens it in the editor.
 */
export function MenuOutline(props: MenuOutlineProps) {
  return (
    <ul class="outline">
      {props.categories.map((category) => (
        <CategoryBranch key={category.id} category={category} {...props} />
      ))}
    </ul>
  );
}

function CategoryBranch({ category, ...props }: MenuOutlineProps & { category: TreeCategory }) {
  const { selection, mayWrite, onSelect } = props;
  const current = (kind: MenuSelection['kind'], id: string) =>
    selection && selection.kind === kind && 'id' in selection && selection.id === id ? 'true' : undefined;
  return (
    <li class="outline-category" data-category={category.name}>
      <div class="outline-category-head">
        <h3>
          <button
            type="button"
            class="link-button"
            aria-current={current('category', category.id)}
            onClick={() => onSelect({ kind: 'category', id: category.id })}
          >
            {category.name}
          </button>
        </h3>
        {mayWrite && (
          <span class="outline-actions">
            <button
              type="button"
              class="ghost small"
              aria-label={`New item in ${category.name}`}
              onClick={() => onSelect({ kind: 'new-item', categoryId: category.id })}
            >
              + Item
            </button>
            <button
              type="button"
              class="ghost small"
              aria-label={`New subcategory of ${category.name}`}
              onClick={() => onSelect({ kind: 'new-category', parentId: category.id })}
            >
              + Subcategory
            </button>
          </span>
        )}
      </div>
      {category.items.length > 0 && (
        <ul class="outline-items">
          {category.items.map((item) => (
            <li key={item.id} class={`outline-item${item.available ? '' : ' off'}`} data-item={item.name}>
              <button
                type="button"
                class="item-pick"
                aria-current={current('item', item.id)}
                onClick={() => onSelect({ kind: 'item', id: item.id })}
              >
                <span class="item-pick-name">{item.name}</span>
                <span class="item-pick-price">{formatMoney(item.priceMinor, item.currency)}</span>
              </button>
              {mayWrite ? (
                <button
                  type="button"
                  role="switch"
                  class="availability"
                  aria-checked={item.available}
                  aria-label={`Available: ${item.name}`}
                  disabled={props.switching.has(item.id)}
                  onClick={() => props.onToggle(item)}
                >
                  <span class="switch-knob" aria-hidden="true" />
                  Available
                </button>
              ) : (
                <span class="availability-text">{item.available ? 'Available' : 'Unavailable'}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      {category.categories.length > 0 && (
        <ul class="outline nested">
          {category.categories.map((child) => (
            <CategoryBranch key={child.id} {...props} category={child} />
          ))}
        </ul>
      )}
    </li>
  );
}
