import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/api-client.js';
import { ApiProblem } from '../api/api-problem.js';
import type { SimulatorStatus } from '../api/api-types.js';
import { DataTable } from '../app/data-table.js';
import { everyWhileVisible } from '../app/every-while-visible.js';
import { formatCount } from '../app/format.js';
import { ProblemView } from '../app/problem-view.js';
import { useResource } from '../app/use-resource.js';

const POLL_MS = 2000;
const MIN_SPEED = 1;
const MAX_SPEED = 10_000;

/**
 * The demo's live simulation (docs/simulator.md): start, stop, speed. The API answers 404 when the
 * server is not running the demo, and 403 to anyone but platform admins and demo owners and managers.
 */
export function SimulatorScreen() {
  const status = useResource(() => api<SimulatorStatus>('GET', '/api/v1/simulator'), 'simulator');
  const [shown, setShown] = useState<SimulatorStatus | undefined>(undefined);
  const [speed, setSpeed] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiProblem | null>(null);

  useEffect(() => {
    const data = status.data;
    if (!data) return;
    setShown(data);
    // The field starts at the running speed; an update keeps whatever the user typed meanwhile (a
    // check against a rendered `speed` could overwrite a value typed after that render).
    setSpeed((typed) => (typed === '' ? String(data.speed) : typed));
  }, [status.data]);
  // Polled while the answer can change: a 403 or 404 (not allowed, no demo here) stays what it is.
  const settled = status.error instanceof ApiProblem && [403, 404].includes(status.error.status);
  useEffect(
    () => (settled ? undefined : everyWhileVisible(status.reload, POLL_MS)),
    [status.reload, settled],
  );

  if (status.error !== undefined && !shown) {
    return (
      <section class="screen">
        <h1>Simulator</h1>
        {status.error instanceof ApiProblem && status.error.status === 404 ? (
          <>
            <p>
              The live simulation runs only in the demo (<code>brigade start</code> with the demo seeded).
            </p>
            <ProblemView error={status.error} what="simulation on this server" />
          </>
        ) : (
          <ProblemView error={status.error} what="control the demo simulation" />
        )}
      </section>
    );
  }

  const act = async (method: 'POST' | 'PUT', path: string, body: unknown) => {
    setBusy(true);
    setError(null);
    try {
      setShown(await api<SimulatorStatus>(method, `/api/v1/simulator${path}`, body));
    } catch (caught) {
      if (caught instanceof ApiProblem) setError(caught);
      else throw caught;
    } finally {
      setBusy(false);
    }
  };
  const speedValue = Number(speed);
  const speedValid = Number.isInteger(speedValue) && speedValue >= MIN_SPEED && speedValue <= MAX_SPEED;

  return (
    <section class="screen simulator" aria-labelledby="simulator-title">
      <h1 id="simulator-title">Demo simulation</h1>
      <p class="muted">
        Simulated customers, cooks, managers and drivers use the API as real people would. This acts on every
        demo business.
      </p>
      {!shown ? (
        <p class="muted">Loading…</p>
      ) : (
        <>
          <dl class="status-list" data-testid="simulator-status">
            <dt>State</dt>
            <dd data-testid="simulator-running">{shown.running ? 'Running' : 'Stopped'}</dd>
            <dt>Speed</dt>
            <dd>{shown.speed}× real time</dd>
            <dt>Simulated time</dt>
            <dd>
              {shown.simulatedTime ? new Date(shown.simulatedTime).toLocaleString() : 'not started yet'}
            </dd>
            {shown.ordersPlanned !== undefined && (
              <>
                <dt>Orders planned</dt>
                <dd>{formatCount(shown.ordersPlanned)}</dd>
              </>
            )}
            {shown.ordersInFlight !== undefined && (
              <>
                <dt>Orders in flight</dt>
                <dd>{formatCount(shown.ordersInFlight)}</dd>
              </>
            )}
            {shown.stepsQueued !== undefined && (
              <>
                <dt>Steps queued</dt>
                <dd>{formatCount(shown.stepsQueued)}</dd>
              </>
            )}
          </dl>
          <div class="actions">
            <button
              type="button"
              class="primary"
              disabled={busy || shown.running}
              onClick={() => void act('POST', '/start', speedValid ? { speed: speedValue } : {})}
            >
              Start
            </button>
            <button
              type="button"
              class="danger"
              disabled={busy || !shown.running}
              onClick={() => void act('POST', '/stop', undefined)}
            >
              Stop
            </button>
          </div>
          <form
            class="inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (speedValid) void act('PUT', '/speed', { speed: speedValue });
            }}
          >
            <label for="speed">Speed (simulated seconds per real second)</label>
            <input
              id="speed"
              type="number"
              inputMode="numeric"
              min={MIN_SPEED}
              max={MAX_SPEED}
              step={1}
              value={speed}
              aria-invalid={!speedValid}
              aria-describedby="speed-help"
              onInput={(event) => setSpeed(event.currentTarget.value)}
            />
            <button type="submit" disabled={busy || !speedValid}>
              Set speed
            </button>
            <p id="speed-help" class={speedValid ? 'muted small' : 'form-error small'}>
              A whole number from {MIN_SPEED} to {MAX_SPEED.toLocaleString()}.
            </p>
          </form>
          {error && <ProblemView error={error} what="control the demo simulation" />}
          {shown.tally && <Tally tally={shown.tally} />}
        </>
      )}
    </section>
  );
}

function Tally({ tally }: { tally: NonNullable<SimulatorStatus['tally']> }) {
  const kinds = Object.entries(tally.steps);
  return (
    <section class="panel" aria-labelledby="tally-title">
      <h2 id="tally-title">Steps so far</h2>
      {kinds.length === 0 ? (
        <p class="muted">No steps yet.</p>
      ) : (
        <DataTable label="Simulation steps" columns={['Step', 'Done', 'Refused', 'Failed']}>
          {kinds.map(([kind, counts]) => (
            <tr key={kind}>
              <th scope="row">{kind}</th>
              <td>{formatCount(counts.done)}</td>
              <td>{formatCount(counts.refused)}</td>
              <td>{formatCount(counts.failed)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <p class="muted small">
        Mean step {tally.meanStepMs} ms · orders shed {tally.ordersShed} · largest lag{' '}
        {Math.round(tally.maxLagSimMs / 1000)} simulated s
        {tally.lastFailure && <> · last failure: {tally.lastFailure}</>}
      </p>
    </section>
  );
}
