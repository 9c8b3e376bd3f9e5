import { randomUUID } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import { hashPassword } from '../../auth/passwords.js';
import type { ActorRole, BusinessRole } from '../../auth/principal.js';
import { AppError } from '../../errors/app-error.js';
import { appendEvents } from '../../outbox/outbox-writer.js';
import type { CreateMembershipBody, UpdateMembershipBody } from '../../schemas/admin/membership.js';
import type { Database, Queryable } from '../../storage/database.js';
import {
  type AccountMail,
  issuePasswordLink,
  mailPasswordLink,
  type PasswordLink,
} from '../auth/password-links.js';
import { mapDbErrors } from './db-errors.js';
import { mayChangeMembership, positionProblems } from './membership-rules.js';
import { MEMBERSHIPS_RELATION, type MembershipView, membershipView } from './membership-view.js';
import { type Page, type PageRequest, queryPage } from './pagination.js';
import { assertOwnedIds, rowLoader } from './references.js';
import { ChangeSet, deleteRow, requireSomeField, updateRow } from './sql-update.js';

export type CreateMembershipInput = Static<typeof CreateMembershipBody>;
export type UpdateMembershipInput = Static<typeof UpdateMembershipBody>;

const load = rowLoader(
  'Member',
  `SELECT mv.* FROM ${MEMBERSHIPS_RELATION} WHERE mv.id = $1 AND mv.business_id = $2`,
  membershipView,
);

/** How long an invitation link works: people do not read work email within the half hour a reset allows. */
export const INVITATION_LINK_DAYS = 7;
/**
 * The password hash of an invited account until its owner chooses one: not a scheme verifyPassword
 * knows, so nothing signs in with it.
 */
const NO_PASSWORD_YET = 'invited';

export class MembershipService {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
    private readonly mail: AccountMail,
  ) {}

  /**
   * Adds a user to the business, creating the account when the email is new. A new account gets the
   * password given, or without one an invitation: an email with a link to choose their own (valid
   * seven days), so nobody has to pass a password around. An existing account is only linked: its
   * name and password are left as they are.
   */
  async create(actor: ActorRole, businessId: string, input: CreateMembershipInput): Promise<MembershipView> {
    assertAllowed(actor, { to: input.role });
    assertPosition(input.role, input.position ?? null);
    const passwordHash = input.password ? await hashPassword(input.password) : null;
    let invitation: { link: PasswordLink; email: string; name: string; business: string } | undefined;
    const view = await this.db.transaction(async (tx) => {
      await assertOwnedIds(tx, 'locations', businessId, input.locationIds ?? [], 'body/locationIds');
      const email = input.email.trim();
      const existing = await tx.query<{ id: string }>('SELECT id FROM users WHERE lower(email) = lower($1)', [
        email,
      ]);
      let userId = existing.rows[0]?.id;
      if (!userId) {
        userId = randomUUID();
        const name = input.name ?? email.split('@')[0] ?? email;
        const newUser = [userId, email, name, passwordHash ?? NO_PASSWORD_YET];
        // Another request may register the same email between the lookup and this insert.
        await mapDbErrors(
          () =>
            tx.query('INSERT INTO users (id, email, name, password_hash) VALUES ($1, $2, $3, $4)', newUser),
          'An account with this email was just created; retry to link it',
        );
        if (!passwordHash) {
          const link = await issuePasswordLink(tx, userId, INVITATION_LINK_DAYS * 24 * 60);
          const business = await tx.query<{ name: string }>('SELECT name FROM businesses WHERE id = $1', [
            businessId,
          ]);
          invitation = { link, email, name, business: business.rows[0]?.name ?? 'A business' };
        }
      }
      const inserted = await tx.query(
        `INSERT INTO memberships (user_id, business_id, role, staff_position, location_ids, hourly_rate_minor)
         VALUES ($1, $2, $3, $4, $5::uuid[], $6) ON CONFLICT DO NOTHING`,
        [
          userId,
          businessId,
          input.role,
          input.position ?? null,
          input.locationIds ?? [],
          input.hourlyRateMinor ?? null,
        ],
      );
      if (inserted.rowCount === 0) {
        throw new AppError(
          'conflict',
          'The user is already a member of this business; change their membership',
        );
      }
      await this.emit(tx, businessId, userId, 'created', input.role);
      return load(tx, businessId, userId);
    });
    // Sent once the account exists for good: never an invitation to a rolled-back account.
    if (invitation) {
      const { business, email } = invitation;
      mailPasswordLink(this.mail, invitation.link, invitation, {
        kind: 'invitation',
        subject: `${business} invited you to Brigade`,
        lines: (url) => [
          `${business} added you to its team on Brigade (${roleWords(input.role, input.position ?? null)}). Open this link within ${INVITATION_LINK_DAYS} days to choose your password:`,
          '',
          url,
          '',
          `Then sign in with ${email}. If you did not expect this, ignore this email.`,
        ],
      });
    }
    return view;
  }

  async list(businessId: string, page: PageRequest): Promise<Page<MembershipView>> {
    const sql = `SELECT mv.* FROM ${MEMBERSHIPS_RELATION} WHERE mv.business_id = $1`;
    return queryPage(this.db, sql, [businessId], page, membershipView, 'mv');
  }

  async get(businessId: string, userId: string): Promise<MembershipView> {
    return load(this.db, businessId, userId);
  }

  async update(
    actor: ActorRole,
    businessId: string,
    userId: string,
    input: UpdateMembershipInput,
  ): Promise<MembershipView> {
    requireSomeField(input);
    return this.db.transaction(async (tx) => {
      const before = await load(tx, businessId, userId);
      const role = input.role ?? before.role;
      assertAllowed(actor, { from: before.role, to: role });
      // Leaving staff drops the position; joining staff needs one.
      const position =
        input.position !== undefined ? input.position : role === 'staff' ? before.position : null;
      assertPosition(role, position);
      if (input.locationIds)
        await assertOwnedIds(tx, 'locations', businessId, input.locationIds, 'body/locationIds');
      if (before.role === 'owner' && role !== 'owner') await assertAnotherOwner(tx, businessId, userId);
      const changes = new ChangeSet()
        .set('role', role)
        .set('staff_position', position)
        .set('location_ids', input.locationIds, '::uuid[]')
        .set('hourly_rate_minor', input.hourlyRateMinor);
      await updateRow(tx, 'memberships', changes, userId, businessId, {
        idColumn: 'user_id',
        touchUpdatedAt: false,
      });
      await this.emit(tx, businessId, userId, 'updated', role);
      return load(tx, businessId, userId);
    });
  }

  /** Removes the membership only: the user keeps their account (and their orders as a customer). */
  async delete(actor: ActorRole, businessId: string, userId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const before = await load(tx, businessId, userId);
      assertAllowed(actor, { from: before.role });
      if (before.role === 'owner') await assertAnotherOwner(tx, businessId, userId);
      await deleteRow(tx, 'memberships', userId, businessId, { idColumn: 'user_id' });
      await this.emit(tx, businessId, userId, 'deleted', null);
    });
  }

  private async emit(
    tx: Queryable,
    businessId: string,
    userId: string,
    action: 'created' | 'updated' | 'deleted',
    role: BusinessRole | null,
  ): Promise<void> {
    await appendEvents(tx, [
      {
        type: 'membership.changed',
        businessId,
        payload: { user_id: userId, action, role },
        occurredAt: this.now(),
      },
    ]);
  }
}

function assertAllowed(actor: ActorRole, change: Parameters<typeof mayChangeMembership>[1]): void {
  if (!mayChangeMembership(actor, change)) {
    throw new AppError('forbidden', 'Only owners may grant, change or remove owner and manager roles');
  }
}

function assertPosition(role: BusinessRole, position: MembershipView['position']): void {
  const problems = positionProblems(role, position);
  if (problems.length > 0)
    throw new AppError('validation_failed', 'Position does not fit the role', { errors: problems });
}

/**
 * A business always keeps at least one owner, or nobody could administer it any more. The owner rows
 * are locked (in one order, so two callers cannot deadlock): two owners demoting or removing each
 * other at the same time are then serialized, and the second sees the first's change.
 */
async function assertAnotherOwner(tx: Queryable, businessId: string, userId: string): Promise<void> {
  const { rows } = await tx.query<{ user_id: string }>(
    `SELECT user_id FROM memberships WHERE business_id = $1 AND role = 'owner' ORDER BY user_id FOR UPDATE`,
    [businessId],
  );
  if (!rows.some((row) => row.user_id !== userId)) {
    throw new AppError('conflict', 'The business must keep at least one owner');
  }
}

/** "a manager", "kitchen staff": the role as the invitation says it. */
function roleWords(role: BusinessRole, position: string | null): string {
  if (role === 'staff') return position ? `${position} staff` : 'staff';
  return role === 'owner' ? 'an owner' : 'a manager';
}
