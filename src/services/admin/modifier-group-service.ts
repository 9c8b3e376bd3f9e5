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
import { type Page, type PageRequest, queryPage } from './pagination.js';
import { notFound } from './references.js';
import { ChangeSet, deleteRow, requireSomeField, updateRow } from './sql-update.js';

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
      await insertOptions(
        tx,
        businessId,
        id,
        input.options.map((option) => ({ ...option, id: randomUUID() })),
      );
      const view = await load(tx, businessId, id);
      await this.emit(tx, businessId, id, 'created', view);
      return view;
    });
  }

  async list(businessId: string, page: PageRequest): Promise<Page<ModifierGroupView>> {
    const sql = `SELECT ${MODIFIER_GROUP_COLUMNS} FROM modifier_groups WHERE business_id = $1`;
    const result = await queryPage(this.db, sql, [businessId], page, (row: ModifierGroupRow) => row);
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
      // Switching to single selection implies a maximum of 1 unless the body says otherwise.
      const maxSelections = input.maxSelections ?? (input.selection === 'single' ? 1 : undefined);
      assertRules({
        selection: input.selection ?? before.selection,
        required: input.required ?? before.required,
        minSelections: input.minSelections ?? before.minSelections,
        maxSelections: maxSelections ?? before.maxSelections,
        optionCount: (input.options ?? before.options).length,
      });
      if (input.options) {
        const known = new Set(before.options.map((option) => option.id));
        const sentIds = input.options.map((option) => option.id);
        const wrong = sentIds.flatMap((id, index) => {
          const field = `body/options/${index}/id`;
          if (id === undefined) return [];
          if (!known.has(id)) return [{ field, message: 'is not an option of this group' }];
          return sentIds.indexOf(id) !== index ? [{ field, message: 'is listed twice' }] : [];
        });
        if (wrong.length > 0)
          throw new AppError('validation_failed', 'Unknown or repeated option ids', { errors: wrong });
      }
      const changes = new ChangeSet()
        .set('name', input.name)
        .set('selection', input.selection)
        .set('required', input.required)
        .set('min_selections', input.minSelections)
        .set('max_selections', maxSelections);
      await updateRow(tx, 'modifier_groups', changes, groupId, businessId);
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
      await deleteRow(tx, 'modifier_groups', groupId, businessId);
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

/** The options as parallel arrays, one per column, for `unnest`: one statement however many there are. */
const OPTIONS_TABLE = `unnest($3::uuid[], $4::text[], $5::integer[], $6::boolean[], $7::integer[])
  AS o(id, name, price_minor, available, display_order)`;

function optionArrays(options: readonly (OptionInput & { id: string })[]): unknown[] {
  return [
    options.map((option) => option.id),
    options.map((option) => option.name),
    options.map((option) => option.priceMinor ?? 0),
    options.map((option) => option.available ?? true),
    options.map((option, index) => option.displayOrder ?? index),
  ];
}

async function insertOptions(
  tx: Queryable,
  businessId: string,
  groupId: string,
  options: readonly (OptionInput & { id: string })[],
): Promise<void> {
  if (options.length === 0) return;
  await tx.query(
    `INSERT INTO modifier_options (id, business_id, group_id, name, price_minor, available, display_order)
     SELECT o.id, $1, $2, o.name, o.price_minor, o.available, o.display_order FROM ${OPTIONS_TABLE}`,
    [businessId, groupId, ...optionArrays(options)],
  );
}

/**
 * Options sent with an id keep it (carts refer to option ids), the rest are new; options left out
 * are removed. Carts that still hold a removed option fail validation at placement, as they should.
 * An option's place in the sent list is its display order unless it names one.
 */
async function replaceOptions(
  tx: Queryable,
  businessId: string,
  groupId: string,
  options: readonly OptionInput[],
): Promise<void> {
  const placed = options.map((option, index) => ({ ...option, displayOrder: option.displayOrder ?? index }));
  const kept = placed.flatMap((option) => (option.id ? [{ ...option, id: option.id }] : []));
  await tx.query(
    'DELETE FROM modifier_options WHERE group_id = $1 AND business_id = $2 AND NOT (id = ANY($3::uuid[]))',
    [groupId, businessId, kept.map((option) => option.id)],
  );
  if (kept.length > 0) {
    await tx.query(
      `UPDATE modifier_options m
       SET name = o.name, price_minor = o.price_minor, available = o.available, display_order = o.display_order
       FROM ${OPTIONS_TABLE} WHERE m.id = o.id AND m.group_id = $2 AND m.business_id = $1`,
      [businessId, groupId, ...optionArrays(kept)],
    );
  }
  await insertOptions(
    tx,
    businessId,
    groupId,
    placed.flatMap((option) => (option.id ? [] : [{ ...option, id: randomUUID() }])),
  );
}
