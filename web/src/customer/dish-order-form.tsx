import { useState } from 'preact/hooks';
import { formatMoney } from '../app/format.js';
import { ProblemView } from '../app/problem-view.js';
import type { LiveItem, NewCartLine } from './customer-types.js';
import {
  choiceProblems,
  choiceRule,
  type Picks,
  pickedOptionIds,
  togglePick,
  unitPrice,
} from './modifier-choices.js';

/**
 * Adds a dish to the cart: at once for a dish without choices; otherwise through its choices (a radio
 * group for a single choice, checkboxes for several, with the group's rule beside its name), a
 * quantity and a note for the kitchen. The rules are checked before sending; the API checks them again
 * and its refusal is shown here, beside the dish.
 */
export function DishOrderForm({
  item,
  onAdd,
}: {
  item: LiveItem;
  onAdd: (line: NewCartLine) => Promise<void>;
}) {
  const [picks, setPicks] = useState<Picks>({});
  const [quantity, setQuantity] = useState(1);
  const [notes, setNotes] = useState('');
  const [tried, setTried] = useState(false);
  const [sending, setSending] = useState(false);
  const [added, setAdded] = useState(0);
  const [problem, setProblem] = useState<unknown>(undefined);
  const groups = item.modifierGroups;
  const problems = choiceProblems(groups, picks);

  const add = async () => {
    setTried(true);
    if (problems.length > 0) return;
    setSending(true);
    setProblem(undefined);
    try {
      await onAdd({
        itemId: item.id,
        quantity,
        modifiers: pickedOptionIds(groups, picks),
        ...(notes.trim() ? { notes: notes.trim() } : {}),
      });
      setAdded((count) => count + quantity);
      setPicks({});
      setQuantity(1);
      setNotes('');
      setTried(false);
    } catch (caught) {
      setProblem(caught);
    } finally {
      setSending(false);
    }
  };
  const feedback = (
    <>
      <p class="small added" role="status">
        {added > 0 ? `${added} added to your order` : ''}
      </p>
      {problem !== undefined && <ProblemView error={problem} />}
    </>
  );

  if (groups.length === 0) {
    return (
      <div class="dish-add">
        <button
          type="button"
          class="primary"
          disabled={sending}
          onClick={add}
          aria-label={`Add ${item.name}`}
        >
          {sending ? 'Adding…' : 'Add'}
        </button>
        {feedback}
      </div>
    );
  }
  const fieldId = (suffix: string) => `dish-${item.id}-${suffix}`;
  return (
    <details class="dish-add dish-choices">
      <summary>Choose and add</summary>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        {groups.map((group) => (
          <fieldset key={group.id} class="choice-group">
            <legend>
              {group.name} <span class="muted small">{choiceRule(group)}</span>
            </legend>
            {group.selection === 'single' && !group.required && group.minSelections === 0 && (
              <label class="choice">
                <input
                  type="radio"
                  name={fieldId(group.id)}
                  checked={(picks[group.id] ?? []).length === 0}
                  onChange={() => setPicks({ ...picks, [group.id]: [] })}
                />
                None
              </label>
            )}
            {group.options.map((option) => (
              <label key={option.id} class={option.available ? 'choice' : 'choice unavailable'}>
                <input
                  type={group.selection === 'single' ? 'radio' : 'checkbox'}
                  name={fieldId(group.id)}
                  checked={(picks[group.id] ?? []).includes(option.id)}
                  disabled={!option.available}
                  onChange={() => setPicks(togglePick(picks, group, option.id))}
                />
                {option.name}
                {option.priceMinor > 0 && <> +{formatMoney(option.priceMinor, item.currency)}</>}
                {!option.available && <span class="muted small"> (unavailable)</span>}
              </label>
            ))}
          </fieldset>
        ))}
        <div class="dish-add-row">
          <label for={fieldId('quantity')}>Quantity</label>
          <input
            id={fieldId('quantity')}
            type="number"
            min={1}
            max={99}
            value={quantity}
            onInput={(event) => setQuantity(clampQuantity(Number(event.currentTarget.value)))}
          />
        </div>
        <label for={fieldId('notes')}>Note for the kitchen</label>
        <input
          id={fieldId('notes')}
          type="text"
          maxLength={500}
          value={notes}
          onInput={(event) => setNotes(event.currentTarget.value)}
        />
        {tried && problems.length > 0 && (
          <ul class="form-problems" role="alert">
            {problems.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        )}
        <button type="submit" class="primary" disabled={sending}>
          {sending
            ? 'Adding…'
            : `Add to order · ${formatMoney(unitPrice(item, picks) * quantity, item.currency)}`}
        </button>
        {feedback}
      </form>
    </details>
  );
}

function clampQuantity(value: number): number {
  return Number.isFinite(value) ? Math.min(99, Math.max(1, Math.round(value))) : 1;
}
