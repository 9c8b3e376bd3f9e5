import { useState } from 'preact/hooks';
import { adminPath, listAll } from '../api/admin-lists.js';
import { api } from '../api/api-client.js';
import type { Business, Location, Member, User } from '../api/api-types.js';
import { DataTable } from '../app/data-table.js';
import { minorToText, textToMinor } from '../app/money-text.js';
import { ProblemView } from '../app/problem-view.js';
import { useResource } from '../app/use-resource.js';
import { problemText } from '../auth/problem-text.js';
import { ConfirmDialog } from '../orders/confirm-dialog.js';
import { type MemberDraft, MemberFields, type Role } from './member-fields.js';

interface TeamData {
  business: Business;
  members: Member[];
  locations: Location[];
}

const EMPTY: MemberDraft = { role: 'staff', position: 'kitchen', locationIds: [], rate: '' };

/**
 * A business's team (`/api/v1/businesses/{id}/users`): who works there, as what, where and at what
 * hourly rate; adding someone — a new address gets an email invitation to choose their password —
 * changing a member, and removing one. Owners manage everyone, managers staff (the API decides).
 */
export function TeamScreen({ businessId, user }: { businessId: string; user: User }) {
  const team = useResource<TeamData>(async () => {
    const [business, members, locations] = await Promise.all([
      api<Business>('GET', `/api/v1/businesses/${businessId}`),
      listAll<Member>(businessId, 'users'),
      listAll<Location>(businessId, 'locations'),
    ]);
    return { business, members, locations };
  }, businessId);
  const mine = user.memberships.find((membership) => membership.businessId === businessId);
  const roles: Role[] = mine?.role === 'manager' ? ['staff'] : ['staff', 'manager', 'owner'];
  const [editing, setEditing] = useState<{ member: Member; draft: MemberDraft } | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(undefined);
  const [draftError, setDraftError] = useState<string | null>(null);

  if (team.error) return <ProblemView error={team.error} what="see the team" />;
  const data = team.data;
  if (!data) return <p class="muted">Loading…</p>;
  const currency = data.business.currency;
  const placeName = (id: string) => data.locations.find((location) => location.id === id)?.name ?? id;
  const done = () => {
    setEditing(null);
    setRemoving(null);
    setProblem(undefined);
    // Read again in place (the list stays on screen, and so does the add form's confirmation).
    team.reload();
  };
  const run = async (request: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await request();
      done();
    } catch (caught) {
      setProblem(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="screen team">
      <h1>Team · {data.business.name}</h1>
      <DataTable
        label="Team members"
        columns={['Name', 'Email', 'Role', 'Works at', 'Hourly rate', { label: 'Actions', hidden: true }]}
        testId="team"
      >
        {data.members.map((member) => (
          <tr key={member.userId}>
            <td>{member.name}</td>
            <td>{member.email}</td>
            <td>{member.role === 'staff' ? `${member.position ?? ''} staff` : member.role}</td>
            <td>
              {member.locationIds.length === 0
                ? 'all locations'
                : member.locationIds.map(placeName).join(', ')}
            </td>
            <td>{member.hourlyRateMinor === null ? '—' : minorToText(member.hourlyRateMinor, currency)}</td>
            <td class="row-actions">
              <button
                type="button"
                onClick={() =>
                  setEditing({
                    member,
                    draft: {
                      role: member.role,
                      position: member.position ?? 'kitchen',
                      locationIds: member.locationIds,
                      rate: minorToText(member.hourlyRateMinor, currency),
                    },
                  })
                }
              >
                Edit {member.name}
              </button>
              <button type="button" class="ghost" onClick={() => setRemoving(member)}>
                Remove {member.name}
              </button>
            </td>
          </tr>
        ))}
      </DataTable>
      <AddMember
        businessId={businessId}
        roles={roles}
        locations={data.locations}
        currency={currency}
        onAdded={() => team.reload()}
      />
      {editing && (
        <ConfirmDialog
          title={`Change ${editing.member.name}`}
          confirmLabel="Save"
          busy={busy}
          problem={problem}
          onClose={() => {
            setEditing(null);
            setProblem(undefined);
            setDraftError(null);
          }}
          onConfirm={() => {
            const body = memberBody(editing.draft, currency);
            setDraftError('problem' in body ? body.problem : null);
            if ('problem' in body) return;
            return run(() => api('PATCH', adminPath(businessId, 'users', editing.member.userId), body));
          }}
        >
          <div class="sign-in-form">
            {draftError && (
              <p class="form-error" role="alert">
                {draftError}
              </p>
            )}
            <MemberFields
              idPrefix="edit"
              draft={editing.draft}
              roles={roles}
              locations={data.locations}
              currency={currency}
              onChange={(draft) => setEditing({ ...editing, draft })}
            />
          </div>
        </ConfirmDialog>
      )}
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.name}?`}
          confirmLabel="Remove"
          danger
          busy={busy}
          problem={problem}
          onClose={() => {
            setRemoving(null);
            setProblem(undefined);
          }}
          onConfirm={() => run(() => api('DELETE', adminPath(businessId, 'users', removing.userId)))}
        >
          <p>
            {removing.name} loses access to {data.business.name}. Their account, orders and shifts stay.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

/** The role, position, locations and rate as the API takes them, or why the rate cannot be sent. */
function memberBody(
  draft: MemberDraft,
  currency: string,
):
  | { role: Role; position: string | null; locationIds: string[]; hourlyRateMinor: number | null }
  | { problem: string } {
  const rate = textToMinor(draft.rate, currency);
  if (!rate.ok) return { problem: `Hourly rate ${rate.message}` };
  if (rate.minor !== null && rate.minor < 0) return { problem: 'Hourly rate must not be negative' };
  const staff = draft.role === 'staff';
  return {
    role: draft.role,
    position: staff ? draft.position : null,
    locationIds: staff ? draft.locationIds : [],
    hourlyRateMinor: rate.minor,
  };
}

/** Adds a member by email: an existing account is linked, a new address is invited by email. */
function AddMember(props: {
  businessId: string;
  roles: readonly Role[];
  locations: Location[];
  currency: string;
  onAdded: () => void;
}) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [draft, setDraft] = useState<MemberDraft>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setMessage(null);
    setError(null);
    const body = memberBody(draft, props.currency);
    if ('problem' in body) return setError(body.problem);
    setBusy(true);
    try {
      const added = await api<Member>('POST', adminPath(props.businessId, 'users'), {
        email: email.trim(),
        ...(name.trim() ? { name: name.trim() } : {}),
        ...body,
      });
      setMessage(
        `${added.name} added. If ${added.email} had no Brigade account, an invitation to choose a password is on its way.`,
      );
      setEmail('');
      setName('');
      setDraft(EMPTY);
      props.onAdded();
    } catch (caught) {
      setError(problemText(caught, 'Not added'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card sign-in-form" onSubmit={submit} aria-labelledby="add-member-title">
      <h2 id="add-member-title">Add someone</h2>
      <label for="member-email">Email</label>
      <input
        id="member-email"
        type="email"
        required
        value={email}
        onInput={(event) => setEmail(event.currentTarget.value)}
      />
      <label for="member-name">Name</label>
      <input id="member-name" value={name} onInput={(event) => setName(event.currentTarget.value)} />
      <MemberFields
        idPrefix="add"
        draft={draft}
        roles={props.roles}
        locations={props.locations}
        currency={props.currency}
        onChange={setDraft}
      />
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {message && <p role="status">{message}</p>}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? 'Adding…' : 'Add and invite'}
      </button>
    </form>
  );
}
