import { useEffect } from 'preact/hooks';
import { adminPath } from '../api/admin-lists.js';
import { api } from '../api/api-client.js';
import { EditorActions } from './editor-actions.js';
import { messagesFor } from './field-errors.js';
import { Field } from './form-field.js';
import {
  changedFields,
  draftOfItem,
  fieldsOfDraft,
  ITEM_FIELDS,
  type ItemDraft,
  newItemDraft,
  rebaseDraft,
} from './item-draft.js';
import { categoryChoices } from './menu-tree-walk.js';
import type { Item, ModifierGroup, TreeCategory } from './menu-types.js';
import { SaveStatus } from './save-status.js';
import { useEditor } from './use-editor.js';

const LABELS: Record<string, string> = {
  categoryId: 'Category',
  name: 'Name',
  description: 'Description',
  priceMinor: 'Price',
  costMinor: 'Cost',
  sku: 'SKU',
  station: 'Station',
  prepMinutes: 'Prep time',
  calories: 'Calories',
  allergens: 'Allergens',
  tags: 'Tags',
  imageUrl: 'Image URL',
  available: 'Available',
  modifierGroupIds: 'Modifier groups',
};

export interface ItemEditorProps {
  businessId: string;
  currency: string;
  /** The saved item; null for a new one in `categoryId`. */
  item: Item | null;
  categoryId: string;
  categories: readonly TreeCategory[];
  groups: readonly ModifierGroup[];
  mayWrite: boolean;
  /** Shown once when the editor opens on an item just created. */
  created?: boolean;
  onSaved: (item: Item) => void;
  onDeleted: () => void;
  onEdited: (edited: boolean) => void;
}

/**
 * One item's form: every field the API takes except the availability schedule and display order.
 * A save sends only the fields edited; the API's field errors appear next to their fields.
 */
export function ItemEditor(props: ItemEditorProps) {
  const { businessId, item, categories, groups, mayWrite, onEdited } = props;
  // An item keeps the currency it was priced in; a new one takes the business's.
  const currency = item?.currency ?? props.currency;
  const editor = useEditor<ItemDraft>({
    initial: () => (item ? draftOfItem(item) : newItemDraft(props.categoryId)),
    isNew: item === null,
    created: props.created,
    onEdited,
  });
  const { draft, saved, set } = editor;
  const idPrefix = `item-${item?.id ?? 'new'}`;
  const about = (field: string) => messagesFor(editor.messages, field);

  // The item changed elsewhere (the list's availability switch): follow it, keeping edits made here.
  useEffect(() => {
    if (!item) return;
    const fresh = draftOfItem(item);
    editor.follow(fresh, (current) => rebaseDraft(saved, current, fresh));
  }, [item?.updatedAt]);

  const submit = async (event: Event) => {
    event.preventDefault();
    const result = fieldsOfDraft(draft, currency);
    if (!result.ok) return editor.refuse(result.messages);
    const answer = item
      ? await editor.run({ doing: 'Saving', done: 'Saved', failed: 'Not saved' }, () =>
          api<Item>(
            'PATCH',
            adminPath(businessId, 'menu/items', item.id),
            changedFields(saved, draft, result.fields),
          ),
        )
      : await editor.run({ doing: 'Creating', done: 'Created', failed: 'Not created' }, () =>
          api<Item>('POST', adminPath(businessId, 'menu/items'), result.fields),
        );
    if (!answer) return;
    editor.accept(draftOfItem(answer));
    props.onSaved(answer);
  };

  const remove = async () => {
    if (!item || !window.confirm(`Delete the item “${item.name}”? This cannot be undone.`)) return;
    const done = await editor.run({ doing: 'Deleting', done: 'Deleted', failed: 'Not deleted' }, () =>
      api<null>('DELETE', adminPath(businessId, 'menu/items', item.id)).then(() => true),
    );
    if (done) props.onDeleted();
  };

  const text = (
    field: keyof ItemDraft & keyof typeof LABELS,
    options: {
      label?: string;
      hint?: string;
      inputMode?: 'decimal' | 'numeric' | 'url';
      class?: string;
    } = {},
  ) => (
    <Field
      id={`${idPrefix}-${field}`}
      label={options.label ?? LABELS[field] ?? field}
      messages={about(field)}
      {...(options.hint ? { hint: options.hint } : {})}
      {...(options.class ? { class: options.class } : {})}
    >
      {(described) => (
        <input
          {...described}
          name={field}
          type="text"
          {...(options.inputMode ? { inputMode: options.inputMode } : {})}
          value={String(draft[field])}
          onInput={(event) => set(field, event.currentTarget.value as never)}
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
        {item ? item.name : 'New item'}
      </h2>
      <fieldset disabled={!mayWrite || editor.busy}>
        <legend class="visually-hidden">Item details</legend>
        <div class="field-grid">
          {text('name', { class: 'wide' })}
          <Field id={`${idPrefix}-categoryId`} label="Category" messages={about('categoryId')} class="wide">
            {(described) => (
              <select
                {...described}
                name="categoryId"
                value={draft.categoryId}
                onChange={(event) => set('categoryId', event.currentTarget.value)}
              >
                {categoryChoices(categories).map((choice) => (
                  <option key={choice.id} value={choice.id}>
                    {choice.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id={`${idPrefix}-description`}
            label="Description"
            messages={about('description')}
            class="wide"
          >
            {(described) => (
              <textarea
                {...described}
                name="description"
                rows={3}
                value={draft.description}
                onInput={(event) => set('description', event.currentTarget.value)}
              />
            )}
          </Field>
          {text('priceMinor', { label: `Price (${currency})`, inputMode: 'decimal', hint: 'e.g. 12.50' })}
          {text('costMinor', {
            label: `Cost (${currency})`,
            inputMode: 'decimal',
            hint: 'Optional; for profit',
          })}
          {text('sku', { hint: 'Optional; unique in the business' })}
          {text('station', { hint: 'Kitchen station, e.g. grill' })}
          {text('prepMinutes', { label: 'Prep time (minutes)', inputMode: 'numeric' })}
          {text('calories', { inputMode: 'numeric', hint: 'Optional' })}
          {text('allergens', { hint: 'Comma-separated, e.g. gluten, dairy' })}
          {text('tags', { hint: 'Comma-separated, e.g. vegetarian, spicy' })}
          {text('imageUrl', { inputMode: 'url', class: 'wide', hint: 'Optional; https://…' })}
        </div>
        <div class={`check-row${about('available').length > 0 ? ' invalid' : ''}`}>
          <input
            id={`${idPrefix}-available`}
            type="checkbox"
            checked={draft.available}
            onChange={(event) => set('available', event.currentTarget.checked)}
          />
          <label for={`${idPrefix}-available`}>Available to order</label>
        </div>
        {item?.availabilitySchedule && (
          <p class="muted small" data-testid="item-schedule">
            Also limited to set hours ({scheduleText(item.availabilitySchedule)}); the schedule is edited
            through the API.
          </p>
        )}
        <fieldset class="group-picks">
          <legend>Modifier groups</legend>
          {groups.length === 0 && <p class="muted small">The business has no modifier groups yet.</p>}
          {groups.map((group) => (
            <div class="check-row" key={group.id}>
              <input
                id={`${idPrefix}-group-${group.id}`}
                type="checkbox"
                checked={draft.modifierGroupIds.includes(group.id)}
                onChange={(event) =>
                  set(
                    'modifierGroupIds',
                    event.currentTarget.checked
                      ? [...draft.modifierGroupIds, group.id]
                      : draft.modifierGroupIds.filter((id) => id !== group.id),
                  )
                }
              />
              <label for={`${idPrefix}-group-${group.id}`}>
                {group.name}{' '}
                <span class="muted small">
                  {group.selection === 'single' ? 'one choice' : `up to ${group.maxSelections}`}
                  {group.required ? ', required' : ''} ·{' '}
                  {group.options.map((option) => option.name).join(', ')}
                </span>
              </label>
            </div>
          ))}
          {about('modifierGroupIds').length > 0 && (
            <p class="field-error">{about('modifierGroupIds').join('; ')}</p>
          )}
        </fieldset>
      </fieldset>
      {mayWrite && (
        <EditorActions
          editor={editor}
          saveLabel={item ? 'Save item' : 'Create item'}
          deleteLabel="Delete item"
          onDelete={() => void remove()}
        />
      )}
      <SaveStatus state={editor.state} shownFields={ITEM_FIELDS} labels={LABELS} />
    </form>
  );
}

function scheduleText(schedule: NonNullable<Item['availabilitySchedule']>): string {
  return Object.entries(schedule)
    .map(([day, windows]) => `${day.slice(0, 3)} ${windows.map((w) => `${w.from}–${w.to}`).join(', ')}`)
    .join('; ');
}
