import { randomUUID } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import type { Principal } from '../../auth/principal.js';
import { AppError } from '../../errors/app-error.js';
import { appendEvents } from '../../outbox/outbox-writer.js';
import type { CreateBusinessBody, UpdateBusinessBody } from '../../schemas/admin/business.js';
import type { Database, Queryable } from '../../storage/database.js';
import {
  BUSINESS_COLUMNS,
  type BusinessRow,
  type BusinessView,
  businessEventData,
  businessView,
} from './business-view.js';
import { mapDbErrors } from './db-errors.js';
import { type Page, type PageRequest, queryPage } from './pagination.js';
import { fieldError, notFound } from './references.js';
import { ChangeSet, requireSomeField, updateRow } from './sql-update.js';

export type CreateBusinessInput = Static<typeof CreateBusinessBody>;
export type UpdateBusinessInput = Static<typeof UpdateBusinessBody>;

const SLUG_TAKEN = 'Another business uses this slug';

export class BusinessService {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  async create(input: CreateBusinessInput): Promise<BusinessView> {
    const id = randomUUID();
    return this.db.transaction(async (tx) => {
      await this.assertSlugFree(tx, input.slug);
      await mapDbErrors(
        () =>
          tx.query(
            `INSERT INTO businesses (id, name, slug, currency, loyalty_earn_points_per_unit, loyalty_points_per_minor_unit)
             VALUES ($1, $2, $3, $4, $5, $6)`,
            [
              id,
              input.name,
              input.slug,
              input.currency,
              input.loyaltyEarnPointsPerUnit ?? 1,
              input.loyaltyPointsPerMinorUnit ?? 1,
            ],
          ),
        SLUG_TAKEN,
      );
      const view = await this.load(tx, id);
      const occurredAt = this.now();
      await appendEvents(tx, [
        {
          type: 'business.changed',
          businessId: id,
          payload: { action: 'created', data: businessEventData(view) },
          occurredAt,
        },
      ]);
      if (input.owner) {
        const { rows } = await tx.query<{ id: string }>(
          'SELECT id FROM users WHERE lower(email) = lower($1)',
          [input.owner.email.trim()],
        );
        const owner = rows[0];
        if (!owner) throw fieldError('body/owner/email', 'no user with this email');
        await tx.query(`INSERT INTO memberships (user_id, business_id, role) VALUES ($1, $2, 'owner')`, [
          owner.id,
          id,
        ]);
        await appendEvents(tx, [
          {
            type: 'membership.changed',
            businessId: id,
            payload: { user_id: owner.id, action: 'created', role: 'owner' },
            occurredAt,
          },
        ]);
      }
      return view;
    });
  }

  /** Platform admins see every business; anyone else only those they belong to. */
  async list(principal: Principal, page: PageRequest): Promise<Page<BusinessView>> {
    const params: unknown[] = [];
    let where = 'TRUE';
    if (principal.platformRole !== 'platform_admin') {
      params.push(principal.userId);
      where = `b.id IN (SELECT business_id FROM memberships WHERE user_id = $1)`;
    }
    const sql = `SELECT ${BUSINESS_COLUMNS} FROM businesses b WHERE ${where}`;
    return queryPage(this.db, sql, params, page, businessView, 'b');
  }

  async get(businessId: string): Promise<BusinessView> {
    return this.load(this.db, businessId);
  }

  async update(businessId: string, input: UpdateBusinessInput): Promise<BusinessView> {
    requireSomeField(input);
    return this.db.transaction(async (tx) => {
      await this.load(tx, businessId);
      if (input.slug !== undefined) await this.assertSlugFree(tx, input.slug, businessId);
      const changes = new ChangeSet()
        .set('name', input.name)
        .set('slug', input.slug)
        .set('currency', input.currency)
        .set('status', input.status)
        .set('loyalty_earn_points_per_unit', input.loyaltyEarnPointsPerUnit)
        .set('loyalty_points_per_minor_unit', input.loyaltyPointsPerMinorUnit);
      // businesses has no business_id column: the row is its own tenant.
      await mapDbErrors(
        () =>
          updateRow(tx, 'businesses', changes, businessId, businessId, {
            tenantColumn: 'id',
          }),
        SLUG_TAKEN,
      );
      const view = await this.load(tx, businessId);
      await appendEvents(tx, [
        {
          type: 'business.changed',
          businessId,
          payload: { action: 'updated', data: businessEventData(view) },
          occurredAt: this.now(),
        },
      ]);
      return view;
    });
  }

  /** Orders are financial records: a business that has taken any can only be suspended, not deleted. */
  async delete(businessId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.load(tx, businessId);
      const orders = await tx.query('SELECT 1 FROM orders WHERE business_id = $1 LIMIT 1', [businessId]);
      if (orders.rowCount > 0) throw new AppError('in_use', 'The business has orders; suspend it instead');
      await mapDbErrors(() => tx.query('DELETE FROM businesses WHERE id = $1', [businessId]));
      await appendEvents(tx, [
        {
          type: 'business.changed',
          businessId,
          payload: { action: 'deleted', data: null },
          occurredAt: this.now(),
        },
      ]);
    });
  }

  private async load(q: Queryable, businessId: string): Promise<BusinessView> {
    const { rows } = await q.query<BusinessRow>(
      `SELECT ${BUSINESS_COLUMNS} FROM businesses b WHERE b.id = $1`,
      [businessId],
    );
    const row = rows[0];
    if (!row) throw notFound('Business');
    return businessView(row);
  }

  private async assertSlugFree(tx: Queryable, slug: string, exceptId?: string): Promise<void> {
    const { rowCount } = await tx.query(
      'SELECT 1 FROM businesses WHERE slug = $1 AND id IS DISTINCT FROM $2::uuid',
      [slug, exceptId ?? null],
    );
    if (rowCount > 0) throw new AppError('conflict', SLUG_TAKEN, { extra: { field: 'slug' } });
  }
}
