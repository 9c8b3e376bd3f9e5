import { adminPath } from '../api/admin-lists.js';
import { api } from '../api/api-client.js';
import { EditorActions } from './editor-actions.js';
import { messagesFor } from './field-errors.js';
import { Field } from './form-field.js';
import {
  bodyOfGroupDraft,
  draftOfGroup,
  emptyOption,
  GROUP_FIELDS,
  type GroupDraft,
  newGroupDraft,
  type OptionDraft,
} from './group-draft.js';
import type { ModifierGroup } from './menu-types.js';
import { SaveStatus } from './save-status.js';
import { useEditor } from './use-editor.js';

const LABELS: Record<string, string> = {
  name: 'Name',
  selection: 'Choice',
  required: 'Required',
  minSelections: 'At least',
  maxSelections: 'At most',
  options: 'Options',
};

export interface GroupEditorProps {
  businessId: string;
  currency: string;
  /** The saved group; null for a new one. */
  group: ModifierGroup | null;
  /** Items offering it, for the delete warning. */
  usedBy: number;
  mayWrite: boolean;
  created?: boolean;
  onSaved: (group: ModifierGroup) => void;
  onDeleted: () => void;
  onEdited: (edited: boolean) => void;
}

/**
 * A modifier group: single or multiple choice, required, at least / at most, and its options with
 * prices. A save sends the whole option list; options keep their ids, so renaming one keeps it.
 */
export function GroupEditor(props: GroupEditorProps) {
  const { businessId, currency, group, mayWrite, onEdited } = props;
  const editor = useEditor<GroupDraft>({
    initial: () => (group ? draftOfGroup(group, currency) : newGroupDraft()),
    isNew: group === null,
    created: props.created,
    onEdited,
  });
  const { draft, set, messages } = editor;
  const idPrefix = `group-${group?.id ?? 'new'}`;
  const setOption = (index: number, change: Partial<OptionDraft>) =>
    set(
      'options',
      draft.options.map((option, at) => (at === index ? { ...option, ...change } : option)),
    );

  const submit = async (event: Event) => {
    event.preventDefault();
    const result = bodyOfGroupDraft(draft, currency);
    if (!result.ok) return editor.refuse(result.messages);
    const answer = group
      ? await editor.run({ doing: 'Saving', done: 'Saved', failed: 'Not saved' }, () =>
          api<ModifierGroup>('PATCH', adminPath(businessId, 'menu/modifiers', group.id), result.body),
        )
      : await editor.run({ doing: 'Creating', done: 'Created', failed: 'Not created' }, () =>
          api<ModifierGroup>('POST', adminPath(businessId, 'menu/modifiers'), result.body),
        );
    if (!answer) return;
    editor.accept(draftOfGroup(answer, currency));
    props.onSaved(answer);
  };

  const remove = async () => {
    if (!group) return;
    const used =
      props.usedBy > 0 ? ` ${props.usedBy} items offer it; the API refuses until they no longer do.` : '';
    if (!window.confirm(`Delete the modifier group “${group.name}”?${used} This cannot be undone.`)) return;
    const done = await editor.run({ doing: 'Deleting', done: 'Deleted', failed: 'Not deleted' }, () =>
      api<null>('DELETE', adminPath(businessId, 'menu/modifiers', group.id)).then(() => true),
    );
    if (done) props.onDeleted();
  };

  const count = (field: 'minSelections' | 'maxSelections') => (
    <Field id={`${idPrefix}-${field}`} label={LABELS[field] ?? field} messages={messagesFor(messages, field)}>
      {(described) => (
        <input
          {...described}
          inputMode="numeric"
          value={draft[field]}
          onInput={(event) => set(field, event.currentTarget.value)}
        />
      )}
    </Field>
  );

  return (
    <form
      ref={editor.form}
      class="editor"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby={`${idPrefix}-title`}
    >
      <h2 id={`${idPrefix}-title`} ref={editor.heading} tabIndex={-1}>
        {group ? `Modifier group: ${group.name}` : 'New modifier group'}
      </h2>
      <fieldset disabled={!mayWrite || editor.busy}>
        <legend class="visually-hidden">Modifier group details</legend>
        <div class="field-grid">
          <Field id={`${idPrefix}-name`} label="Name" messages={messagesFor(messages, 'name')} class="wide">
            {(described) => (
              <input
                {...described}
                value={draft.name}
                onInput={(event) => set('name', event.currentTarget.value)}
              />
            )}
          </Field>
          <Field id={`${idPrefix}-selection`} label="Choice" messages={messagesFor(messages, 'selection')}>
            {(described) => (
              <select
                {...described}
                value={draft.selection}
                onChange={(event) =>
                  set('selection', event.currentTarget.value === 'multiple' ? 'multiple' : 'single')
                }
              >
                <option value="single">Single (pick one)</option>
                <option value="multiple">Multiple</option>
              </select>
            )}
          </Field>
          {count('minSelections')}
          {count('maxSelections')}
        </div>
        <div class="check-row">
          <input
            id={`${idPrefix}-required`}
            type="checkbox"
            checked={draft.required}
            onChange={(event) => set('required', event.currentTarget.checked)}
          />
          <label for={`${idPrefix}-required`}>Required (the customer must choose)</label>
        </div>
        <fieldset class="options">
          <legend>Options</legend>
          {messages.has('options') && <p class="field-error">{messages.get('options')?.join('; ')}</p>}
          <ol class="option-rows">
            {draft.options.map((option, index) => {
              const rowId = `${idPrefix}-option-${index}`;
              return (
                <li key={option.id ?? `new-${index}`} class="option-row">
                  <Field
                    id={`${rowId}-name`}
                    label={`Option ${index + 1}`}
                    messages={messagesFor(messages, `options/${index}/name`)}
                  >
                    {(described) => (
                      <input
                        {...described}
                        value={option.name}
                        onInput={(event) => setOption(index, { name: event.currentTarget.value })}
                      />
                    )}
                  </Field>
                  <Field
                    id={`${rowId}-price`}
                    label={`Extra (${currency})`}
                    messages={messagesFor(messages, `options/${index}/priceMinor`)}
                  >
                    {(described) => (
                      <input
                        {...described}
                        inputMode="decimal"
                        value={option.priceMinor}
                        onInput={(event) => setOption(index, { priceMinor: event.currentTarget.value })}
                      />
                    )}
                  </Field>
                  <div class="check-row">
                    <input
                      id={`${rowId}-available`}
                      type="checkbox"
                      checked={option.available}
                      onChange={(event) => setOption(index, { available: event.currentTarget.checked })}
                    />
                    <label for={`${rowId}-available`}>Available</label>
                  </div>
                  {mayWrite && (
                    <button
                      type="button"
                      class="ghost"
                      aria-label={`Remove option ${index + 1}${option.name ? ` (${option.name})` : ''}`}
                      onClick={() =>
                        set(
                          'options',
                          draft.options.filter((_, at) => at !== index),
                        )
                      }
                    >
                      Remove
                    </button>
                  )}
                </li>
              );
            })}
          </ol>
          {mayWrite && (
            <button type="button" onClick={() => set('options', [...draft.options, emptyOption()])}>
              Add option
            </button>
          )}
        </fieldset>
      </fieldset>
      {mayWrite && (
        <EditorActions
          editor={editor}
          saveLabel={group ? 'Save group' : 'Create group'}
          deleteLabel="Delete group"
          onDelete={() => void remove()}
        />
      )}
      <SaveStatus state={editor.state} shownFields={GROUP_FIELDS} labels={LABELS} />
    </form>
  );
}
