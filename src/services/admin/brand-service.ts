import { randomUUID } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import { AppError } from '../../errors/app-error.js';
import { appendEvents } from '../../outbox/outbox-writer.js';
import type { CreateBrandBody, UpdateBrandBody } from '../../schemas/admin/brand.js';
import type { Database, Queryable } from '../../storage/database.js';
import { BRAND_COLUMNS, type BrandView, brandEventData, brandView } from './brand-view.js';
import { mapDbErrors } from './db-errors.js';
import { type Page, type PageRequest, queryPage } from './pagination.js';
import { assertOwnedIds, fieldError, rowLoader } from './references.js';
import { ChangeSet, deleteRow, requireSomeField, updateRow } from './sql-update.js';

export type CreateBrandInput = Static<typeof CreateBrandBody>;
export type UpdateBrandInput = Static<typeof UpdateBrandBody>;

const NAME_TAKEN = 'Another brand of this business has this name';

const load = rowLoader(
  'Brand',
  `SELECT ${BRAND_COLUMNS} FROM brands b WHERE b.id = $1 AND b.business_id = $2`,
  brandView,
);

export class BrandService {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  async create(businessId: string, input: CreateBrandInput): Promise<BrandView> {
    assertWindow(input.startsOn ?? null, input.endsOn ?? null);
    const id = randomUUID();
    return this.db.transaction(async (tx) => {
      const locationIds = input.locationIds ?? [];
      await assertOwnedIds(tx, 'locations', businessId, locationIds, 'body/locationIds');
      await assertNameFree(tx, businessId, input.name);
      await mapDbErrors(
        () =>
          tx.query(
            `INSERT INTO brands (id, business_id, name, cuisine, description, starts_on, ends_on)
             VALUES ($1, $2, $3, $4, $5, $6, $7)`,
            [
              id,
              businessId,
              input.name,
              input.cuisine ?? null,
              input.description ?? null,
              input.startsOn ?? null,
              input.endsOn ?? null,
            ],
          ),
        NAME_TAKEN,
      );
      await setLocations(tx, businessId, id, locationIds);
      const view = await load(tx, businessId, id);
      await this.emit(tx, businessId, id, 'created', view);
      return view;
    });
  }

  async list(businessId: string, page: PageRequest): Promise<Page<BrandView>> {
    const sql = `SELECT ${BRAND_COLUMNS} FROM brands b WHERE b.business_id = $1`;
    return queryPage(this.db, sql, [businessId], page, brandView, 'b');
  }

  async get(businessId: string, brandId: string): Promise<BrandView> {
    return load(this.db, businessId, brandId);
  }

  async update(businessId: string, brandId: string, input: UpdateBrandInput): Promise<BrandView> {
    requireSomeField(input);
    return this.db.transaction(async (tx) => {
      const before = await load(tx, businessId, brandId);
      assertWindow(
        input.startsOn === undefined ? before.startsOn : input.startsOn,
        input.endsOn === undefined ? before.endsOn : input.endsOn,
      );
      if (input.name !== undefined && input.name !== before.name)
        await assertNameFree(tx, businessId, input.name);
      if (input.locationIds)
        await assertOwnedIds(tx, 'locations', businessId, input.locationIds, 'body/locationIds');
      const changes = new ChangeSet()
        .set('name', input.name)
        .set('cuisine', input.cuisine)
        .set('description', input.description)
        .set('starts_on', input.startsOn)
        .set('ends_on', input.endsOn);
      await mapDbErrors(() => updateRow(tx, 'brands', changes, brandId, businessId), NAME_TAKEN);
      if (input.locationIds) {
        await tx.query('DELETE FROM brand_locations WHERE brand_id = $1', [brandId]);
        await setLocations(tx, businessId, brandId, input.locationIds);
      }
      const view = await load(tx, businessId, brandId);
      await this.emit(tx, businessId, brandId, 'updated', view);
      return view;
    });
  }

  /** Order lines keep pointing at the brand they were sold under, so a brand with sales stays. */
  async delete(businessId: string, brandId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await load(tx, businessId, brandId);
      const sold = await tx.query('SELECT 1 FROM order_lines WHERE brand_id = $1 LIMIT 1', [brandId]);
      if (sold.rowCount > 0) throw new AppError('in_use', 'The brand has orders; set endsOn instead');
      await mapDbErrors(() => deleteRow(tx, 'brands', brandId, businessId));
      await this.emit(tx, businessId, brandId, 'deleted', null);
    });
  }

  private async emit(
    tx: Queryable,
    businessId: string,
    brandId: string,
    action: 'created' | 'updated' | 'deleted',
    view: BrandView | null,
  ): Promise<void> {
    await appendEvents(tx, [
      {
        type: 'brand.changed',
        businessId,
        payload: { brand_id: brandId, action, data: view ? brandEventData(view) : null },
        occurredAt: this.now(),
      },
    ]);
  }
}

async function setLocations(
  tx: Queryable,
  businessId: string,
  brandId: string,
  locationIds: readonly string[],
) {
  if (locationIds.length === 0) return;
  await tx.query(
    `INSERT INTO brand_locations (business_id, brand_id, location_id)
     SELECT $1, $2, unnest($3::uuid[]) ON CONFLICT DO NOTHING`,
    [businessId, brandId, [...locationIds]],
  );
}

async function assertNameFree(tx: Queryable, businessId: string, name: string): Promise<void> {
  const { rowCount } = await tx.query('SELECT 1 FROM brands WHERE business_id = $1 AND name = $2', [
    businessId,
    name,
  ]);
  if (rowCount > 0) throw new AppError('conflict', NAME_TAKEN, { extra: { field: 'name' } });
}

function assertWindow(startsOn: string | null, endsOn: string | null): void {
  if (startsOn !== null && endsOn !== null && endsOn < startsOn) {
    throw fieldError('body/endsOn', 'must not be before startsOn');
  }
}
