import { randomUUID } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import { AppError } from '../../errors/app-error.js';
import type { CreateItemBody, UpdateItemBody } from '../../schemas/admin/item.js';
import type { Database, Queryable } from '../../storage/database.js';
import { businessCurrency } from './business-currency.js';
import { mapDbErrors } from './db-errors.js';
import { ITEM_COLUMNS, type ItemView, itemEventData, itemView } from './item-view.js';
import { menuChangeWriter } from './menu-events.js';
import { type Page, type PageRequest, queryPage } from './pagination.js';
import { assertOwnedIds, fieldError, rowLoader } from './references.js';
import { ChangeSet, deleteRow, requireSomeField, updateRow } from './sql-update.js';
import { jsonParam } from './sql-values.js';

export type CreateItemInput = Static<typeof CreateItemBody>;
export type UpdateItemInput = Static<typeof UpdateItemBody>;

export interface ItemFilter extends PageRequest {
  menuId?: string | undefined;
  categoryId?: string | undefined;
  q?: string | undefined;
}

const SKU_TAKEN = 'Another item of this business has this SKU';

const load = rowLoader(
  'Item',
  `SELECT ${ITEM_COLUMNS} FROM menu_items i WHERE i.id = $1 AND i.business_id = $2`,
  itemView,
);

export class ItemService {
  // A closure, not this.now itself: field initializers run before the constructor assigns `now`.
  private readonly emit = menuChangeWriter('item', itemEventData, () => this.now());

  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  async create(businessId: string, input: CreateItemInput): Promise<ItemView> {
    const id = randomUUID();
    return this.db.transaction(async (tx) => {
      const menuId = await menuOfCategory(tx, businessId, input.categoryId);
      if (input.menuId !== undefined && input.menuId !== menuId) {
        throw fieldError('body/menuId', 'must be the menu of the category');
      }
      const groupIds = input.modifierGroupIds ?? [];
      await assertOwnedIds(tx, 'modifier_groups', businessId, groupIds, 'body/modifierGroupIds');
      if (input.sku) await assertSkuFree(tx, businessId, input.sku, null);
      const currency = input.currency ?? (await businessCurrency(tx, businessId));
      await mapDbErrors(
        () =>
          tx.query(
            `INSERT INTO menu_items (id, business_id, menu_id, category_id, name, description, price_minor, cost_minor,
               currency, sku, station, prep_minutes, available, availability_schedule, allergens, tags, image_url,
               calories, display_order)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15, $16, $17, $18, $19)`,
            [
              id,
              businessId,
              menuId,
              input.categoryId,
              input.name,
              input.description ?? null,
              input.priceMinor,
              input.costMinor ?? null,
              currency,
              input.sku ?? null,
              input.station ?? 'main',
              input.prepMinutes ?? 10,
              input.available ?? true,
              input.availabilitySchedule ? jsonParam(input.availabilitySchedule) : null,
              input.allergens ?? [],
              input.tags ?? [],
              input.imageUrl ?? null,
              input.calories ?? null,
              input.displayOrder ?? 0,
            ],
          ),
        SKU_TAKEN,
      );
      await setModifierGroups(tx, businessId, id, groupIds);
      const view = await load(tx, businessId, id);
      await this.emit(tx, businessId, id, 'created', view);
      return view;
    });
  }

  async list(businessId: string, filter: ItemFilter): Promise<Page<ItemView>> {
    const params: unknown[] = [businessId];
    let where = 'i.business_id = $1';
    if (filter.menuId) {
      params.push(filter.menuId);
      where += ` AND i.menu_id = $${params.length}`;
    }
    if (filter.categoryId) {
      params.push(filter.categoryId);
      where += ` AND i.category_id = $${params.length}`;
    }
    if (filter.q) {
      // The search text is a literal, not a pattern: escape LIKE's wildcards.
      params.push(`%${filter.q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`);
      where += ` AND i.name ILIKE $${params.length}`;
    }
    const sql = `SELECT ${ITEM_COLUMNS} FROM menu_items i WHERE ${where}`;
    return queryPage(this.db, sql, params, filter, itemView, 'i');
  }

  async get(businessId: string, itemId: string): Promise<ItemView> {
    return load(this.db, businessId, itemId);
  }

  async update(businessId: string, itemId: string, input: UpdateItemInput): Promise<ItemView> {
    requireSomeField(input);
    return this.db.transaction(async (tx) => {
      const before = await load(tx, businessId, itemId);
      // Moving to a category of another menu moves the item to that menu.
      const menuId =
        input.categoryId !== undefined ? await menuOfCategory(tx, businessId, input.categoryId) : undefined;
      if (input.modifierGroupIds) {
        await assertOwnedIds(
          tx,
          'modifier_groups',
          businessId,
          input.modifierGroupIds,
          'body/modifierGroupIds',
        );
      }
      if (input.sku && input.sku !== before.sku) await assertSkuFree(tx, businessId, input.sku, itemId);
      const changes = new ChangeSet()
        .set('menu_id', menuId)
        .set('category_id', input.categoryId)
        .set('name', input.name)
        .set('description', input.description)
        .set('price_minor', input.priceMinor)
        .set('cost_minor', input.costMinor)
        .set('currency', input.currency)
        .set('sku', input.sku)
        .set('station', input.station)
        .set('prep_minutes', input.prepMinutes)
        .set('available', input.available)
        .set(
          'availability_schedule',
          input.availabilitySchedule === undefined
            ? undefined
            : input.availabilitySchedule === null
              ? null
              : jsonParam(input.availabilitySchedule),
          '::jsonb',
        )
        .set('allergens', input.allergens)
        .set('tags', input.tags)
        .set('image_url', input.imageUrl)
        .set('calories', input.calories)
        .set('display_order', input.displayOrder);
      // Only modifierGroupIds sent: no column changes, but the statement still touches updated_at.
      await mapDbErrors(() => updateRow(tx, 'menu_items', changes, itemId, businessId), SKU_TAKEN);
      if (input.modifierGroupIds) {
        await tx.query('DELETE FROM item_modifier_groups WHERE item_id = $1', [itemId]);
        await setModifierGroups(tx, businessId, itemId, input.modifierGroupIds);
      }
      const view = await load(tx, businessId, itemId);
      await this.emit(tx, businessId, itemId, 'updated', view);
      return view;
    });
  }

  /** Order lines reference the item they sold; such an item is made unavailable instead. */
  async delete(businessId: string, itemId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await load(tx, businessId, itemId);
      const sold = await tx.query('SELECT 1 FROM order_lines WHERE item_id = $1 LIMIT 1', [itemId]);
      if (sold.rowCount > 0)
        throw new AppError('in_use', 'The item has been ordered; mark it unavailable instead');
      // An order placed since the check above still blocks the delete (order_lines reference the item).
      await mapDbErrors(() => deleteRow(tx, 'menu_items', itemId, businessId));
      await this.emit(tx, businessId, itemId, 'deleted', null);
    });
  }
}

async function menuOfCategory(tx: Queryable, businessId: string, categoryId: string): Promise<string> {
  const { rows } = await tx.query<{ menu_id: string }>(
    'SELECT menu_id FROM menu_categories WHERE id = $1 AND business_id = $2',
    [categoryId, businessId],
  );
  const menuId = rows[0]?.menu_id;
  if (!menuId) throw fieldError('body/categoryId', 'does not exist in this business');
  return menuId;
}

async function assertSkuFree(
  tx: Queryable,
  businessId: string,
  sku: string,
  exceptId: string | null,
): Promise<void> {
  const { rowCount } = await tx.query(
    'SELECT 1 FROM menu_items WHERE business_id = $1 AND sku = $2 AND id IS DISTINCT FROM $3::uuid',
    [businessId, sku, exceptId],
  );
  if (rowCount > 0) throw new AppError('conflict', SKU_TAKEN, { extra: { field: 'sku' } });
}

async function setModifierGroups(
  tx: Queryable,
  businessId: string,
  itemId: string,
  groupIds: readonly string[],
): Promise<void> {
  if (groupIds.length === 0) return;
  // One statement for the whole list; the position in the list is the display order.
  await tx.query(
    `INSERT INTO item_modifier_groups (business_id, item_id, group_id, display_order)
     SELECT $1, $2, g.id, g.ord - 1 FROM unnest($3::uuid[]) WITH ORDINALITY AS g(id, ord)`,
    [businessId, itemId, [...groupIds]],
  );
}
