import { Type } from '@sinclair/typebox';
import {
  MAX_TABLE_CAPACITY,
  MIN_TABLE_CAPACITY,
  TABLE_SHAPES,
  TABLE_STATUSES,
} from '../domain/tables/table-status.js';
import { Nullable, PatchOf, StrictObject, Timestamp, Uuid } from './common.js';

const TableStatus = Type.Union(TABLE_STATUSES.map((status) => Type.Literal(status)));
const TableShape = Type.Union(TABLE_SHAPES.map((shape) => Type.Literal(shape)));
const Capacity = Type.Integer({
  minimum: MIN_TABLE_CAPACITY,
  maximum: MAX_TABLE_CAPACITY,
  description: 'seats at the table',
});
const PartySize = Type.Integer({ minimum: 1, maximum: MAX_TABLE_CAPACITY, description: 'guests' });
const Coordinate = Type.Number({ minimum: 0, maximum: 100_000 });

export const TableParams = Type.Object({ locationId: Uuid, tableId: Uuid });

const fields = {
  // The same bounds as an order's tableNumber, so every table can be named by a dine-in order.
  number: Type.String({
    minLength: 1,
    maxLength: 20,
    pattern: '^\\S(.*\\S)?$',
    description: 'what guests and staff call the table ("12", "P3"); unique at the location',
  }),
  capacity: Capacity,
  section: Nullable(Type.String({ minLength: 1, maxLength: 50, description: 'area, e.g. Patio' })),
  position: StrictObject(
    { x: Coordinate, y: Coordinate },
    { description: "the table's centre on the floor plan, in the floor-plan editor's units" },
  ),
  shape: TableShape,
};

export const CreateTableBody = StrictObject({
  number: fields.number,
  capacity: fields.capacity,
  section: Type.Optional(fields.section),
  position: Type.Optional(fields.position),
  shape: Type.Optional(fields.shape),
});

export const UpdateTableBody = PatchOf(
  StrictObject({
    number: fields.number,
    capacity: fields.capacity,
    section: fields.section,
    position: fields.position,
    shape: fields.shape,
  }),
  'The fields to change; the status changes only through the table actions',
);

export const TableListQuery = StrictObject({ status: Type.Optional(TableStatus) });

export const SeatBody = StrictObject({
  partySize: PartySize,
  orderId: Type.Optional(Uuid),
});

export const ReserveBody = StrictObject({ partySize: Type.Optional(PartySize) });

/** The actions that need no data take an empty object (or no body at all). */
export const EmptyBody = StrictObject({});

export const TableView = Type.Object({
  id: Uuid,
  businessId: Uuid,
  locationId: Uuid,
  number: Type.String(),
  capacity: Type.Integer(),
  section: Nullable(Type.String()),
  position: Type.Object({ x: Type.Number(), y: Type.Number() }),
  shape: TableShape,
  status: TableStatus,
  currentPartySize: Nullable(Type.Integer()),
  currentOrderId: Nullable(Uuid),
  statusChangedAt: Timestamp,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const TableList = Type.Object({ tables: Type.Array(TableView) });
