import { brandActiveOn } from '../../domain/menu/brand-active.js';
import { isItemAvailableAt } from '../../domain/menu/item-availability.js';
import { validateModifierSelection } from '../../domain/menu/modifier-rules.js';
import type { PricingLine } from '../../domain/pricing/pricing-types.js';
import { AppError, type FieldError } from '../../errors/app-error.js';
import type { ErrorCode } from '../../errors/error-codes.js';
import type { OrderableItem } from '../catalog/location-catalog.js';

export interface RequestedLine {
  itemId: string;
  quantity: number;
  modifiers: string[];
  notes: string | null;
}

export interface ResolvedLine {
  item: OrderableItem;
  quantity: number;
  notes: string | null;
  modifiers: { groupId: string; groupName: string; optionId: string; name: string; priceMinor: number }[];
  pricing: PricingLine;
}

/**
 * Checks requested lines against what the location sells right now: the item exists there, is
 * available (flag, schedule, brand dates), and its modifier choices follow the group rules.
 * All problems are reported at once, each naming its field; the first problem decides the code.
 */
export function resolveLines(
  requested: readonly RequestedLine[],
  items: ReadonlyMap<string, OrderableItem>,
  /** `fieldOf(index)`: where the index-th line is in the request, for the problems' field paths. */
  context: { timeZone: string; now: Date; fieldOf: (index: number) => string },
): ResolvedLine[] {
  const problems: { code: ErrorCode; error: FieldError }[] = [];
  const resolved: ResolvedLine[] = [];
  requested.forEach((line, index) => {
    const field = context.fieldOf(index);
    const item = items.get(line.itemId);
    if (!item) {
      problems.push({
        code: 'item_unknown',
        error: { field: `${field}/itemId`, message: 'not sold at this restaurant' },
      });
      return;
    }
    const available =
      isItemAvailableAt(item, context.timeZone, context.now) &&
      brandActiveOn(
        { startsOn: item.brandStartsOn, endsOn: item.brandEndsOn },
        context.timeZone,
        context.now,
      );
    if (!available) {
      problems.push({
        code: 'item_unavailable',
        error: { field: `${field}/itemId`, message: `${item.name} is not available now` },
      });
      return;
    }
    const selection = validateModifierSelection(item.modifierGroups, line.modifiers);
    if (!selection.ok) {
      for (const error of selection.errors) {
        problems.push({
          code: 'modifier_invalid',
          error: { field: `${field}/${error.field}`, message: error.message },
        });
      }
      return;
    }
    resolved.push({
      item,
      quantity: line.quantity,
      notes: line.notes,
      modifiers: selection.selections,
      pricing: {
        itemId: item.id,
        quantity: line.quantity,
        unitPriceMinor: item.priceMinor,
        currency: item.currency,
        modifiers: selection.selections.map((s) => ({ optionId: s.optionId, priceMinor: s.priceMinor })),
      },
    });
  });
  const first = problems[0];
  if (first) {
    throw new AppError(first.code, first.error.message, { errors: problems.map((problem) => problem.error) });
  }
  return resolved;
}
