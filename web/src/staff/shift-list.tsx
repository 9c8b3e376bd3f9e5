import { useState } from 'preact/hooks';
import { api, query } from '../api/api-client.js';
import type { Shift } from '../api/api-types.js';
import { DataTable } from '../app/data-table.js';
import { formatHours } from '../app/format.js';
import { ProblemView } from '../app/problem-view.js';
import { useResource } from '../app/use-resource.js';
import { ConfirmDialog } from '../orders/confirm-dialog.js';
import { placedBetween } from '../orders/placed-between.js';
import { fromLocalInput, toLocalInput } from './hours.js';

interface Correction {
  shift: Shift;
  clockIn: string;
  clockOut: string;
  reason: string;
}

/**
 * The shifts begun in the timesheet's days, newest first, each with **Correct**: a dialog that sets
 * its clock-in and clock-out (in the browser's time zone) with the reason the API keeps
 * (`PATCH …/time-clock/shifts/{id}`); the API's refusal (a time in the future, out before in, longer
 * than 24 hours) is shown in the dialog.
 */
export function ShiftList(props: {
  base: string;
  from: string;
  to: string;
  version: number;
  onChanged: () => void;
}) {
  const { base, from, to } = props;
  const shifts = useResource(
    // The days as the orders board turns them into the API's half-open range (browser's time zone).
    () =>
      api<{ shifts: Shift[] }>(
        'GET',
        `${base}/shifts${query({ ...placedBetween({ from, to }), limit: 500 })}`,
      ),
    `${base}|${from}|${to}|${props.version}`,
  );
  const [correcting, setCorrecting] = useState<Correction | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(undefined);

  const save = async (correction: Correction) => {
    const clockInAt = fromLocalInput(correction.clockIn);
    const clockOutAt = fromLocalInput(correction.clockOut);
    const body: Record<string, string> = { reason: correction.reason };
    if (clockInAt && correction.clockIn !== toLocalInput(correction.shift.clockInAt))
      body.clockInAt = clockInAt;
    if (
      clockOutAt &&
      (!correction.shift.clockOutAt || correction.clockOut !== toLocalInput(correction.shift.clockOutAt))
    )
      body.clockOutAt = clockOutAt;
    setBusy(true);
    setProblem(undefined);
    try {
      await api('PATCH', `${base}/shifts/${correction.shift.id}`, body);
      setCorrecting(null);
      props.onChanged();
    } catch (caught) {
      setProblem(caught);
    } finally {
      setBusy(false);
    }
  };

  if (shifts.error !== undefined) return <ProblemView error={shifts.error} what="list the shifts" />;
  const list = shifts.data?.shifts ?? [];
  return (
    <>
      <h2>Shifts</h2>
      {shifts.data && list.length === 0 && <p class="muted">No shift begun in these days.</p>}
      {list.length > 0 && (
        <DataTable
          label="Shifts"
          columns={[
            'Name',
            'Location',
            'In',
            'Out',
            'Hours',
            'Correction',
            { label: 'Correct', hidden: true },
          ]}
          testId="shifts"
        >
          {list.map((shift) => (
            <tr key={shift.id}>
              <td>{shift.name}</td>
              <td>{shift.locationName}</td>
              <td>{new Date(shift.clockInAt).toLocaleString()}</td>
              <td>{shift.clockOutAt ? new Date(shift.clockOutAt).toLocaleString() : 'on shift'}</td>
              <td>{formatHours(shift.minutes)}</td>
              <td>{shift.correctionReason ?? ''}</td>
              <td>
                <button
                  type="button"
                  onClick={() => {
                    setProblem(undefined);
                    setCorrecting({
                      shift,
                      clockIn: toLocalInput(shift.clockInAt),
                      clockOut: shift.clockOutAt ? toLocalInput(shift.clockOutAt) : '',
                      reason: '',
                    });
                  }}
                >
                  Correct {shift.name}'s shift
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {correcting && (
        <ConfirmDialog
          title={`Correct ${correcting.shift.name}'s shift`}
          confirmLabel="Save correction"
          busy={busy}
          problem={problem}
          onClose={() => setCorrecting(null)}
          onConfirm={() => save(correcting)}
        >
          <div class="sign-in-form">
            <label for="correct-in">Clocked in</label>
            <input
              id="correct-in"
              type="datetime-local"
              required
              value={correcting.clockIn}
              onInput={(event) => setCorrecting({ ...correcting, clockIn: event.currentTarget.value })}
            />
            <label for="correct-out">Clocked out</label>
            <input
              id="correct-out"
              type="datetime-local"
              value={correcting.clockOut}
              onInput={(event) => setCorrecting({ ...correcting, clockOut: event.currentTarget.value })}
            />
            <label for="correct-reason">Reason</label>
            <input
              id="correct-reason"
              required
              maxLength={500}
              value={correcting.reason}
              onInput={(event) => setCorrecting({ ...correcting, reason: event.currentTarget.value })}
            />
          </div>
        </ConfirmDialog>
      )}
    </>
  );
}
