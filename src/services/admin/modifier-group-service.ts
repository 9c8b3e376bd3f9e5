import { randomUUID } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import { AppError } from '../../errors/app-error.js';
import type { CreateModifierGroupBody, UpdateModifierGroupBody } from '../../schemas/admin/modifier-group.js';
import type { Database, Queryable } from '../../storage/database.js';
import { menuChangeWriter } from './menu-events.js';
import { modifierGroupProblems } from './modifier-group-rules.js';
import {
  MODIFIER_GROUP_COLUMNS,
  type ModifierGroupRow,
  type ModifierGroupView,
  modifierGroupEventData,
  withOptions,
} from './modifier-group-view.js';
import { keysetClause, type Page, type PageRequest, toPage } from './pagination.js';
import { notFound } from './references.js';
import { ChangeSet, requireSomeField, updateStatement } from './sql-update.js';

export type CreateModifierGroupInput = Static<typeof CreateModifierGroupBody>;
export type UpdateModifierGroupInput = Static<typeof UpdateModifierGroupBody>;
type OptionInput = CreateModifierGroupInput['options'][number];

export class ModifierGroupService {
  // A closure, not this.now itself: field initializers run before the constructor assigns `now`.
  private readonly emit = menuChangeWriter('modifier_group', modifierGroupEventData, () => this.now());

  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  async create(businessId: string, input: CreateModifierGroupInput): Promise<ModifierGroupView> {
    const required = input.required ?? false;
    const maxSelections =
      input.maxSelections ?? (input.selection === 'single' ? 1 : input.options.length || 1);
    const minSelections = input.minSelections ?? (required ? 1 : 0);
    assertRules({
      selection: input.selection,
      required,
      minSelections,
      maxSelections,
      optionCount: input.options.length,
    });
    if (input.options.some((option) => option.id !== undefined)) {
      throw new AppError('validation_failed', 'New options get their ids from the server', {
        errors: input.options.flatMap((option, index) =>
          option.id === undefined
            ? []
            : [{ field: `body/options/${index}/id`, message: 'is not allowed on create' }],
        ),
      });
    }
    const id = randomUUID();
    return this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO modifier_groups (id, business_id, name, selection, required, min_selections, max_selections)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, businessId, input.name, input.selection, required, minSelections, maxSelections],
      );
      await insertOptions(tx, businessId, id, input.options);
      const view = await load(tx, businessId, id);
      await this.emit(tx, businessId, id, 'created', view);
      return view;
    });
  }

  async list(businessId: string, page: PageRequest): Promise<Page<ModifierGroupView>> {
    const params: unknown[] = [businessId];
    const tail = keysetClause(page, params);
    const { rows } = await this.db.query<ModifierGroupRow>(
      `SELECT ${MODIFIER_GROUP_COLUMNS} FROM modifier_groups WHERE business_id = $1${tail}`,
      params,
    );
    const result = toPage(rows, page, (row) => row);
    return { items: await withOptions(this.db, businessId, result.items), nextCursor: result.nextCursor };
  }

  async get(businessId: string, groupId: string): Promise<ModifierGroupView> {
    return load(this.db, businessId, groupId);
  }

  /** The rules are checked on the group as it will be after the change, not on the patch alone. */
  async update(
    businessId: string,
    groupId: string,
    input: UpdateModifierGroupInput,
  ): Promise<ModifierGroupView> {
    requireSomeField(input);
    return this.db.transaction(async (tx) => {
      const before = await load(tx, businessId, groupId);
      const selection = input.selection ?? before.selection;
      const options = input.options ?? before.options;
      assertRules({
        selection,
        required: input.required ?? before.required,
        minSelections: input.minSelections ?? before.minSelections,
        maxSelections: input.maxSelections ?? (input.selection === 'single' ? 1 : before.maxSelections),
        optionCount: options.length,
      });
      if (input.options) {
        const known = new Set(before.options.map((option) => option.id));
        const foreign = input.options.flatMap((option, index) =>
          option.id !== undefined && !known.has(option.id)
            ? [{ field: `body/options/${index}/id`, message: 'is not an option of this group' }]
            : [],
        );
        if (foreign.length > 0)
          throw new AppError('validation_failed', 'Unknown option ids', { errors: foreign });
      }
      const changes = new ChangeSet()
        .set('name', input.name)
        .set('selection', input.selection)
        .set('required', input.required)
        .set('min_selections', input.minSelections)
        .set('max_selections', input.maxSelections ?? (input.selection === 'single' ? 1 : undefined));
      const statement = updateStatement('modifier_groups', changes.changes, groupId, businessId);
      await tx.query(statement.sql, statement.params);
      if (input.options) await replaceOptions(tx, businessId, groupId, input.options);
      const view = await load(tx, businessId, groupId);
      await this.emit(tx, businessId, groupId, 'updated', view);
      return view;
    });
  }

  /** A group still offered by an item cannot go: detach it from the items first. */
  async delete(businessId: string, groupId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await load(tx, businessId, groupId);
      const used = await tx.query<{ item_id: string }>(
        'SELECT item_id FROM item_modifier_groups WHERE group_id = $1 AND business_id = $2 LIMIT 20',
        [groupId, businessId],
      );
      if (used.rowCount > 0) {
        throw new AppError('in_use', 'Items still offer this modifier group', {
          extra: { itemIds: used.rows.map((row) => row.item_id) },
        });
      }
      await tx.query('DELETE FROM modifier_groups WHERE id = $1 AND business_id = $2', [groupId, businessId]);
      await this.emit(tx, businessId, groupId, 'deleted', null);
    });
  }
}

function assertRules(shape: Parameters<typeof modifierGroupProblems>[0]): void {
  const problems = modifierGroupProblems(shape);
  if (problems.length > 0) {
    throw new AppError('validation_failed', 'The modifier group breaks its selection rules', {
      errors: problems,
    });
  }
}

async function load(q: Queryable, businessId: string, groupId: string): Promise<ModifierGroupView> {
  const { rows } = await q.query<ModifierGroupRow>(
    `SELECT ${MODIFIER_GROUP_COLUMNS} FROM modifier_groups WHERE id = $1 AND business_id = $2`,
    [groupId, businessId],
  );
  const [view] = await withOptions(q, businessId, rows);
  if (!view) throw notFound('Modifier group');
  return view;
}

async function insertOptions(
  tx: Queryable,
  businessId: string,
  groupId: string,
  options: readonly OptionInput[],
): Promise<void> {
  for (const [index, option] of options.entries()) {
    await tx.query(
      `INSERT INTO modifier_options (id, business_id, group_id, name, price_minor, available, display_order)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        option.id ?? randomUUID(),
        businessId,
        groupId,
        option.name,
        option.priceMinor ?? 0,
        option.available ?? true,
        option.displayOrder ?? index,
      ],
    );
  }
}

/**
 * Options sent with an id keep it (carts refer to option ids), the rest are new; options left out
 * are removed. Carts that still hold a removed option fail validation at placement, as they should.
 */
async function replaceOptions(
  tx: Queryable,
  businessId: string,
  groupId: string,
  options: readonly OptionInput[],
): Promise<void> {
  const kept = options.flatMap((option) => (option.id ? [option.id] : []));
  await tx.query(
    'DELETE FROM modifier_options WHERE group_id = $1 AND business_id = $2 AND NOT (id = ANY($3::uuid[]))',
    [groupId, businessId, kept],
  );
  for (const [index, option] of options.entries()) {
    if (option.id) {
      await tx.query(
        `UPDATE modifier_options SET name = $3, price_minor = $4, available = $5, display_order = $6
         WHERE id = $1 AND group_id = $2`,
        [
          option.id,
          groupId,
          option.name,
          option.priceMinor ?? 0,
          option.available ?? true,
          option.displayOrder ?? index,
        ],
      );
    }
  }
  // New options keep their place in the sent list as their default display order.
  await insertOptions(
    tx,
    businessId,
    groupId,
    options.flatMap((option, index) =>
      option.id ? [] : [{ ...option, displayOrder: option.displayOrder ?? index }],
    ),
  );
}
