import type { Static } from '@sinclair/typebox';
import type { TableState } from '../../domain/tables/table-moves.js';
import type { TableShape, TableStatus } from '../../domain/tables/table-status.js';
import type { TableView as TableViewSchema } from '../../schemas/tables.js';
import { isoTimestamp } from '../admin/sql-values.js';

export type TableView = Static<typeof TableViewSchema>;

export interface TableRow {
  id: string;
  business_id: string;
  location_id: string;
  number: string;
  capacity: number;
  section: string | null;
  position_x: number;
  position_y: number;
  shape: TableShape;
  status: TableStatus;
  current_party_size: number | null;
  current_order_id: string | null;
  status_changed_at: Date | string;
  created_at: Date | string;
  updated_at: Date | string;
}

export const TABLE_COLUMNS = `id, business_id, location_id, number, capacity, section, position_x, position_y, shape,
  status, current_party_size, current_order_id, status_changed_at, created_at, updated_at`;

/** Floor-plan order: numeric names in numeric order ("2" before "10"), then the rest alphabetically. */
export const TABLE_ORDER = 'length(number), number';

export function tableView(row: TableRow): TableView {
  return {
    id: row.id,
    businessId: row.business_id,
    locationId: row.location_id,
    number: row.number,
    capacity: row.capacity,
    section: row.section,
    position: { x: Number(row.position_x), y: Number(row.position_y) },
    shape: row.shape,
    status: row.status,
    currentPartySize: row.current_party_size,
    currentOrderId: row.current_order_id,
    statusChangedAt: isoTimestamp(row.status_changed_at),
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

export function tableState(row: TableRow): TableState {
  return {
    status: row.status,
    capacity: row.capacity,
    partySize: row.current_party_size,
    orderId: row.current_order_id,
  };
}

/** The table as table.changed carries it (snake_case, like every payload). */
export function tableEventData(view: TableView): Record<string, unknown> {
  return {
    id: view.id,
    location_id: view.locationId,
    number: view.number,
    capacity: view.capacity,
    section: view.section,
    position: view.position,
    shape: view.shape,
    status: view.status,
    current_party_size: view.currentPartySize,
    current_order_id: view.currentOrderId,
    status_changed_at: view.statusChangedAt,
  };
}
