import { randomUUID } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import { AppError } from '../../errors/app-error.js';
import type { CreateOfferBody, UpdateOfferBody } from '../../schemas/admin/offer.js';
import type { Database, Queryable } from '../../storage/database.js';
import { businessCurrency } from './business-currency.js';
import { mapDbErrors } from './db-errors.js';
import { menuChangeWriter } from './menu-events.js';
import { type OfferTerms, offerProblems } from './offer-rules.js';
import { OFFER_COLUMNS, type OfferView, offerEventData, offerView } from './offer-view.js';
import { type Page, type PageRequest, queryPage } from './pagination.js';
import { assertOwnedIds, rowLoader } from './references.js';
import { ChangeSet, deleteRow, requireSomeField, updateRow } from './sql-update.js';

export type CreateOfferInput = Static<typeof CreateOfferBody>;
export type UpdateOfferInput = Static<typeof UpdateOfferBody>;

const CODE_TAKEN = 'Another offer of this business uses this code';

const load = rowLoader(
  'Offer',
  `SELECT ${OFFER_COLUMNS} FROM offers WHERE id = $1 AND business_id = $2`,
  offerView,
);

export class OfferService {
  // A closure, not this.now itself: field initializers run before the constructor assigns `now`.
  private readonly emit = menuChangeWriter('offer', offerEventData, () => this.now());

  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  async create(businessId: string, input: CreateOfferInput): Promise<OfferView> {
    const terms: OfferTerms = {
      kind: input.kind,
      percentBps: input.percentBps ?? null,
      amountMinor: input.amountMinor ?? null,
      buyQuantity: input.buyQuantity ?? null,
      getQuantity: input.getQuantity ?? null,
      startsAt: input.startsAt ?? null,
      endsAt: input.endsAt ?? null,
    };
    assertTerms(terms);
    const id = randomUUID();
    return this.db.transaction(async (tx) => {
      await assertOwnedIds(tx, 'menu_items', businessId, input.itemIds ?? [], 'body/itemIds');
      await assertOwnedIds(tx, 'locations', businessId, input.locationIds ?? [], 'body/locationIds');
      if (input.code) await assertCodeFree(tx, businessId, input.code, null);
      const currency = input.currency ?? (await businessCurrency(tx, businessId));
      await mapDbErrors(
        () =>
          tx.query(
            `INSERT INTO offers (id, business_id, name, code, kind, percent_bps, amount_minor, currency, buy_quantity,
               get_quantity, item_ids, min_subtotal_minor, starts_at, ends_at, location_ids, active)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::uuid[], $12, $13, $14, $15::uuid[], $16)`,
            [
              id,
              businessId,
              input.name,
              input.code ?? null,
              terms.kind,
              terms.percentBps,
              terms.amountMinor,
              currency,
              terms.buyQuantity,
              terms.getQuantity,
              input.itemIds ?? [],
              input.minSubtotalMinor ?? 0,
              terms.startsAt,
              terms.endsAt,
              input.locationIds ?? [],
              input.active ?? true,
            ],
          ),
        CODE_TAKEN,
      );
      const view = await load(tx, businessId, id);
      await this.emit(tx, businessId, id, 'created', view);
      return view;
    });
  }

  async list(businessId: string, page: PageRequest): Promise<Page<OfferView>> {
    const sql = `SELECT ${OFFER_COLUMNS} FROM offers WHERE business_id = $1`;
    return queryPage(this.db, sql, [businessId], page, offerView);
  }

  async get(businessId: string, offerId: string): Promise<OfferView> {
    return load(this.db, businessId, offerId);
  }

  async update(businessId: string, offerId: string, input: UpdateOfferInput): Promise<OfferView> {
    requireSomeField(input);
    return this.db.transaction(async (tx) => {
      const before = await load(tx, businessId, offerId);
      const kindChanged = input.kind !== undefined && input.kind !== before.kind;
      const merged: OfferTerms = {
        kind: input.kind ?? before.kind,
        percentBps: before.percentBps,
        amountMinor: before.amountMinor,
        buyQuantity: before.buyQuantity,
        getQuantity: before.getQuantity,
        startsAt: before.startsAt,
        endsAt: before.endsAt,
      };
      // A new kind starts from a clean slate: the old kind's amounts would otherwise conflict with it.
      const base = kindChanged
        ? { ...merged, percentBps: null, amountMinor: null, buyQuantity: null, getQuantity: null }
        : merged;
      const terms: OfferTerms = {
        ...base,
        percentBps: input.percentBps === undefined ? base.percentBps : input.percentBps,
        amountMinor: input.amountMinor === undefined ? base.amountMinor : input.amountMinor,
        buyQuantity: input.buyQuantity === undefined ? base.buyQuantity : input.buyQuantity,
        getQuantity: input.getQuantity === undefined ? base.getQuantity : input.getQuantity,
        startsAt: input.startsAt === undefined ? base.startsAt : input.startsAt,
        endsAt: input.endsAt === undefined ? base.endsAt : input.endsAt,
      };
      assertTerms(terms);
      if (input.itemIds) await assertOwnedIds(tx, 'menu_items', businessId, input.itemIds, 'body/itemIds');
      if (input.locationIds)
        await assertOwnedIds(tx, 'locations', businessId, input.locationIds, 'body/locationIds');
      if (input.code) await assertCodeFree(tx, businessId, input.code, offerId);
      const changes = new ChangeSet()
        .set('name', input.name)
        .set('code', input.code)
        .set('kind', terms.kind)
        .set('percent_bps', terms.percentBps)
        .set('amount_minor', terms.amountMinor)
        .set('buy_quantity', terms.buyQuantity)
        .set('get_quantity', terms.getQuantity)
        .set('currency', input.currency)
        .set('item_ids', input.itemIds, '::uuid[]')
        .set('min_subtotal_minor', input.minSubtotalMinor)
        .set('starts_at', terms.startsAt)
        .set('ends_at', terms.endsAt)
        .set('location_ids', input.locationIds, '::uuid[]')
        .set('active', input.active);
      await mapDbErrors(() => updateRow(tx, 'offers', changes, offerId, businessId), CODE_TAKEN);
      const view = await load(tx, businessId, offerId);
      await this.emit(tx, businessId, offerId, 'updated', view);
      return view;
    });
  }

  async delete(businessId: string, offerId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await load(tx, businessId, offerId);
      await deleteRow(tx, 'offers', offerId, businessId);
      await this.emit(tx, businessId, offerId, 'deleted', null);
    });
  }
}

function assertTerms(terms: OfferTerms): void {
  const problems = offerProblems(terms);
  if (problems.length > 0)
    throw new AppError('validation_failed', 'The offer terms are inconsistent', { errors: problems });
}

/** Promo codes are matched case-insensitively at checkout, so SAVE10 and save10 are the same code. */
async function assertCodeFree(
  tx: Queryable,
  businessId: string,
  code: string,
  exceptId: string | null,
): Promise<void> {
  const { rowCount } = await tx.query(
    'SELECT 1 FROM offers WHERE business_id = $1 AND upper(code) = upper($2) AND id IS DISTINCT FROM $3::uuid',
    [businessId, code, exceptId],
  );
  if (rowCount > 0) throw new AppError('conflict', CODE_TAKEN, { extra: { field: 'code' } });
}
