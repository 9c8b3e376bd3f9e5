import { formatMoney } from '../app/format.js';
import type { LiveCategory, LiveItem, LiveMenu, NewCartLine } from './customer-types.js';
import { DishOrderForm } from './dish-order-form.js';
import { choiceRule } from './modifier-choices.js';

/** Adds a line to the cart; absent when the menu is only browsed. */
type AddLine = (line: NewCartLine) => Promise<void>;

/**
 * One brand's menu as customers see it: nested categories of items, each with its choices; with
 * `onAdd`, every dish that can be ordered now has its form to add it to the cart.
 */
export function LiveMenuView({ menu, onAdd }: { menu: LiveMenu; onAdd?: AddLine | undefined }) {
  const categories = menu.categories as LiveCategory[];
  const add = menu.brandActive ? onAdd : undefined;
  return (
    <section class="live-menu" aria-labelledby={`menu-${menu.menuId}`}>
      <h2 id={`menu-${menu.menuId}`}>
        {menu.brandName} <span class="muted small">· {menu.menuName}</span>
      </h2>
      {!menu.brandActive && (
        <p class="notice">This brand is not serving today; its dishes cannot be ordered now.</p>
      )}
      {categories.length === 0 && <p class="muted">Nothing on this menu yet.</p>}
      {categories.length > 1 && (
        <nav class="section-nav" aria-label={`${menu.brandName} sections`}>
          {categories.map((category) => (
            <a key={category.id} href={`#category-${category.id}`}>
              {category.name}
            </a>
          ))}
        </nav>
      )}
      {categories.map((category) => (
        <CategorySection key={category.id} category={category} level={3} onAdd={add} />
      ))}
    </section>
  );
}

function CategorySection({
  category,
  level,
  onAdd,
}: {
  category: LiveCategory;
  level: 3 | 4;
  onAdd: AddLine | undefined;
}) {
  const Heading = level === 3 ? 'h3' : 'h4';
  return (
    <section class="live-category" id={`category-${category.id}`} data-category={category.name}>
      <Heading>{category.name}</Heading>
      {category.description && <p class="muted">{category.description}</p>}
      {category.items.length > 0 && (
        <ul class="dishes">
          {category.items.map((item) => (
            <Dish key={item.id} item={item} onAdd={onAdd} />
          ))}
        </ul>
      )}
      {category.categories.map((child) => (
        <CategorySection key={child.id} category={child} level={4} onAdd={onAdd} />
      ))}
    </section>
  );
}

function Dish({ item, onAdd }: { item: LiveItem; onAdd: AddLine | undefined }) {
  return (
    <li class={`dish${item.availableNow ? '' : ' unavailable'}`} data-item={item.name}>
      <div class="dish-head">
        <span class="dish-name">{item.name}</span>
        <span class="dish-price" data-testid="dish-price">
          {formatMoney(item.priceMinor, item.currency)}
        </span>
      </div>
      {!item.availableNow && (
        <p class="dish-unavailable" data-testid="dish-unavailable">
          Unavailable now
        </p>
      )}
      {item.description && <p class="dish-description">{item.description}</p>}
      {(item.tags.length > 0 || item.calories !== null) && (
        <p class="dish-tags">
          {item.tags.map((tag) => (
            <span key={tag} class="badge">
              {tag}
            </span>
          ))}
          {item.calories !== null && <span class="muted small">{item.calories} kcal</span>}
        </p>
      )}
      {item.allergens.length > 0 && <p class="small">Contains: {item.allergens.join(', ')}</p>}
      {onAdd && item.availableNow ? (
        <DishOrderForm item={item} onAdd={onAdd} />
      ) : (
        item.modifierGroups.length > 0 && (
          <details class="dish-choices">
            <summary>Choices ({item.modifierGroups.map((group) => group.name).join(', ')})</summary>
            {item.modifierGroups.map((group) => (
              <div key={group.id} class="choice-group">
                <p class="choice-rule">
                  <strong>{group.name}</strong> <span class="muted small">{choiceRule(group)}</span>
                </p>
                <ul class="choice-options">
                  {group.options.map((option) => (
                    <li key={option.id} class={option.available ? undefined : 'unavailable'}>
                      {option.name}
                      {option.priceMinor > 0 && <> +{formatMoney(option.priceMinor, item.currency)}</>}
                      {!option.available && <span class="muted small"> (unavailable)</span>}
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </details>
        )
      )}
    </li>
  );
}
