import { randomUUID } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import { decideCapacityChange } from '../../domain/tables/table-moves.js';
import type { TableStatus } from '../../domain/tables/table-status.js';
import { AppError } from '../../errors/app-error.js';
import { appendEvents } from '../../outbox/outbox-writer.js';
import type { CreateTableBody, UpdateTableBody } from '../../schemas/tables.js';
import type { Database, Queryable } from '../../storage/database.js';
import { sqlStateOf } from '../../storage/sql-state.js';
import { notFound } from '../admin/references.js';
import { ChangeSet, requireSomeField } from '../admin/sql-update.js';
import { lockTable } from './apply-table-move.js';
import {
  TABLE_COLUMNS,
  TABLE_ORDER,
  type TableRow,
  type TableView,
  tableEventData,
  tableState,
  tableView,
} from './table-view.js';

export type CreateTableInput = Static<typeof CreateTableBody>;
export type UpdateTableInput = Static<typeof UpdateTableBody>;

const NUMBER_TAKEN = 'Another table at this location has this number';

/**
 * A location's floor plan: create, list, read, change and delete its dining tables. Every change
 * writes table.changed in its transaction. Status moves live in table-actions.ts.
 */
export class TableService {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  async list(businessId: string, locationId: string, filter: { status?: TableStatus }): Promise<TableView[]> {
    const params: unknown[] = [locationId, businessId];
    let where = 'location_id = $1 AND business_id = $2';
    if (filter.status) {
      params.push(filter.status);
      where += ` AND status = $${params.length}`;
    }
    const { rows } = await this.db.query<TableRow>(
      `SELECT ${TABLE_COLUMNS} FROM dining_tables WHERE ${where} ORDER BY ${TABLE_ORDER}`,
      params,
    );
    return rows.map(tableView);
  }

  async get(businessId: string, locationId: string, tableId: string): Promise<TableView> {
    const { rows } = await this.db.query<TableRow>(
      `SELECT ${TABLE_COLUMNS} FROM dining_tables WHERE id = $1 AND location_id = $2 AND business_id = $3`,
      [tableId, locationId, businessId],
    );
    const row = rows[0];
    if (!row) throw notFound('Table');
    return tableView(row);
  }

  async create(businessId: string, locationId: string, input: CreateTableInput): Promise<TableView> {
    const id = randomUUID();
    const at = this.now();
    return this.db.transaction(async (tx) => {
      await assertDineInLocation(tx, businessId, locationId);
      await assertNumberFree(tx, locationId, input.number);
      const { rows } = await uniqueNumber(() =>
        tx.query<TableRow>(
          `INSERT INTO dining_tables (id, business_id, location_id, number, capacity, section, position_x, position_y,
             shape, status_changed_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           RETURNING ${TABLE_COLUMNS}`,
          [
            id,
            businessId,
            locationId,
            input.number,
            input.capacity,
            input.section ?? null,
            input.position?.x ?? 0,
            input.position?.y ?? 0,
            input.shape ?? 'square',
            at.toISOString(),
          ],
        ),
      );
      const view = tableView(rows[0] as TableRow);
      await appendEvents(tx, [changedEvent(view, 'created', at)]);
      return view;
    });
  }

  /** Changes the floor-plan fields; the status and the party change only through the table actions. */
  async update(
    businessId: string,
    locationId: string,
    tableId: string,
    input: UpdateTableInput,
  ): Promise<TableView> {
    requireSomeField(input);
    const at = this.now();
    return this.db.transaction(async (tx) => {
      // Locked, so a party cannot be seated between the capacity check and the write.
      const before = await lockTable(tx, businessId, locationId, tableId);
      if (!before) throw notFound('Table');
      if (input.number !== undefined && input.number !== before.number) {
        await assertNumberFree(tx, locationId, input.number);
      }
      if (input.capacity !== undefined) {
        const decision = decideCapacityChange(tableState(before), input.capacity);
        if (!decision.ok) throw new AppError(decision.code, decision.message);
      }
      const changes = new ChangeSet()
        .set('number', input.number)
        .set('capacity', input.capacity)
        .set('section', input.section)
        .set('position_x', input.position?.x)
        .set('position_y', input.position?.y)
        .set('shape', input.shape);
      const params: unknown[] = [tableId];
      const sets = changes.changes.map((change) => {
        params.push(change.value);
        return `${change.column} = $${params.length}`;
      });
      const { rows } = await uniqueNumber(() =>
        tx.query<TableRow>(
          `UPDATE dining_tables SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1
           RETURNING ${TABLE_COLUMNS}`,
          params,
        ),
      );
      const view = tableView(rows[0] as TableRow);
      await appendEvents(tx, [changedEvent(view, 'updated', at)]);
      return view;
    });
  }

  /** A table with guests at it stays: clear it first (its order still points at it). */
  async delete(businessId: string, locationId: string, tableId: string): Promise<void> {
    const at = this.now();
    await this.db.transaction(async (tx) => {
      const row = await lockTable(tx, businessId, locationId, tableId);
      if (!row) throw notFound('Table');
      if (row.status === 'occupied') {
        throw new AppError('table_occupied', `Table ${row.number} is occupied; clear it before deleting it`);
      }
      await tx.query('DELETE FROM dining_tables WHERE id = $1', [tableId]);
      await appendEvents(tx, [
        {
          type: 'table.changed',
          businessId,
          locationId,
          payload: { table_id: tableId, action: 'deleted', data: null },
          occurredAt: at,
        },
      ]);
    });
  }
}

function changedEvent(view: TableView, action: 'created' | 'updated', at: Date) {
  return {
    type: 'table.changed' as const,
    businessId: view.businessId,
    locationId: view.locationId,
    payload: { table_id: view.id, action, data: tableEventData(view) },
    occurredAt: at,
  };
}

/** Floor plans belong to locations that seat guests; a takeout-only kitchen has none. */
async function assertDineInLocation(tx: Queryable, businessId: string, locationId: string): Promise<void> {
  const { rows } = await tx.query<{ service_types: string[] }>(
    'SELECT service_types FROM locations WHERE id = $1 AND business_id = $2',
    [locationId, businessId],
  );
  const location = rows[0];
  if (!location) throw notFound('Location');
  if (!location.service_types.includes('dine_in')) {
    throw new AppError(
      'service_type_unavailable',
      'This location does not offer dine-in, so it has no tables',
    );
  }
}

async function assertNumberFree(tx: Queryable, locationId: string, number: string): Promise<void> {
  const { rowCount } = await tx.query('SELECT 1 FROM dining_tables WHERE location_id = $1 AND number = $2', [
    locationId,
    number,
  ]);
  if (rowCount > 0) throw numberTaken();
}

/** Two requests racing for one number: the unique index decides, and the loser gets the same answer. */
async function uniqueNumber<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (sqlStateOf(error) === '23505') throw numberTaken();
    throw error;
  }
}

function numberTaken(): AppError {
  return new AppError('conflict', NUMBER_TAKEN, { extra: { field: 'number' } });
}
