import type { Item, TreeCategory } from './menu-types.js';

/** Reading a menu tree (GET one menu): flat views of the nested categories. Pure. */

export interface CategoryChoice {
  id: string;
  /** "Mains › Burgers": the path, for a select that cannot show nesting. */
  label: string;
  depth: number;
}

export function categoryChoices(
  categories: readonly TreeCategory[],
  trail = '',
  depth = 0,
): CategoryChoice[] {
  return categories.flatMap((category) => {
    const label = trail ? `${trail} › ${category.name}` : category.name;
    return [{ id: category.id, label, depth }, ...categoryChoices(category.categories, label, depth + 1)];
  });
}

export function findCategory(categories: readonly TreeCategory[], id: string): TreeCategory | undefined {
  for (const category of categories) {
    if (category.id === id) return category;
    const inside = findCategory(category.categories, id);
    if (inside) return inside;
  }
  return undefined;
}

export function findItem(categories: readonly TreeCategory[], id: string): Item | undefined {
  for (const category of categories) {
    const item = category.items.find((one) => one.id === id) ?? findItem(category.categories, id);
    if (item) return item;
  }
  return undefined;
}

/** A category and every category under it: the parents it cannot be moved into. */
export function subtreeIds(category: TreeCategory): Set<string> {
  const ids = new Set([category.id]);
  for (const child of category.categories) for (const id of subtreeIds(child)) ids.add(id);
  return ids;
}

/** How many items of the tree offer each modifier group. */
export function groupUse(categories: readonly TreeCategory[]): Map<string, number> {
  const use = new Map<string, number>();
  const walk = (level: readonly TreeCategory[]) => {
    for (const category of level) {
      for (const item of category.items) {
        for (const id of item.modifierGroupIds) use.set(id, (use.get(id) ?? 0) + 1);
      }
      walk(category.categories);
    }
  };
  walk(categories);
  return use;
}

function matches(item: Item, needle: string): boolean {
  return [item.name, item.description ?? '', item.sku ?? '', ...item.tags].some((text) =>
    text.toLowerCase().includes(needle),
  );
}

/**
 * The tree narrowed to items whose name, description, SKU or tag contains the search text, keeping
 * the categories on the way to them; the whole tree when the search is empty.
 */
export function searchTree(categories: readonly TreeCategory[], search: string): TreeCategory[] {
  const needle = search.trim().toLowerCase();
  if (needle === '') return [...categories];
  return categories.flatMap((category) => {
    const items = category.items.filter((item) => matches(item, needle));
    const children = searchTree(category.categories, search);
    return items.length > 0 || children.length > 0 ? [{ ...category, items, categories: children }] : [];
  });
}

export function countItems(categories: readonly TreeCategory[]): number {
  return categories.reduce(
    (sum, category) => sum + category.items.length + countItems(category.categories),
    0,
  );
}
