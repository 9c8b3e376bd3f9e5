import type { Location } from '../api/api-types.js';

export type Role = 'owner' | 'manager' | 'staff';
export type Position = 'kitchen' | 'cashier' | 'driver';

/** What the add and edit forms share: role, position, locations worked at, hourly rate as typed. */
export interface MemberDraft {
  role: Role;
  position: Position;
  locationIds: string[];
  rate: string;
}

/**
 * Role, position (staff only), the locations a staff member works at (none ticked: all of them) and the
 * hourly rate. `idPrefix` keeps the labels' ids unique when the add form and an edit dialog are both on
 * the page.
 */
export function MemberFields(props: {
  idPrefix: string;
  draft: MemberDraft;
  roles: readonly Role[];
  locations: Location[];
  currency: string;
  onChange: (draft: MemberDraft) => void;
}) {
  const { idPrefix, draft, locations, onChange } = props;
  const toggle = (locationId: string, on: boolean) =>
    onChange({
      ...draft,
      locationIds: on
        ? [...draft.locationIds, locationId]
        : draft.locationIds.filter((id) => id !== locationId),
    });
  return (
    <>
      <label for={`${idPrefix}-role`}>Role</label>
      <select
        id={`${idPrefix}-role`}
        value={draft.role}
        onChange={(event) => onChange({ ...draft, role: event.currentTarget.value as Role })}
      >
        {props.roles.map((role) => (
          <option key={role} value={role}>
            {role}
          </option>
        ))}
      </select>
      {draft.role === 'staff' && (
        <>
          <label for={`${idPrefix}-position`}>Position</label>
          <select
            id={`${idPrefix}-position`}
            value={draft.position}
            onChange={(event) => onChange({ ...draft, position: event.currentTarget.value as Position })}
          >
            <option value="kitchen">kitchen</option>
            <option value="cashier">cashier</option>
            <option value="driver">driver</option>
          </select>
          <fieldset>
            <legend>Works at (none ticked: every location)</legend>
            {locations.map((location) => (
              <label key={location.id} class="check">
                <input
                  type="checkbox"
                  checked={draft.locationIds.includes(location.id)}
                  onChange={(event) => toggle(location.id, event.currentTarget.checked)}
                />{' '}
                {location.name}
              </label>
            ))}
          </fieldset>
        </>
      )}
      <label for={`${idPrefix}-rate`}>Hourly rate ({props.currency})</label>
      <input
        id={`${idPrefix}-rate`}
        inputMode="decimal"
        value={draft.rate}
        placeholder="none"
        onInput={(event) => onChange({ ...draft, rate: event.currentTarget.value })}
      />
    </>
  );
}
