import { adminPath } from '../api/admin-lists.js';
import { api } from '../api/api-client.js';
import { EditorActions } from './editor-actions.js';
import { messagesFor } from './field-errors.js';
import { Field } from './form-field.js';
import { categoryChoices, countItems, subtreeIds } from './menu-tree-walk.js';
import type { Category, TreeCategory } from './menu-types.js';
import { SaveStatus } from './save-status.js';
import { useEditor } from './use-editor.js';

const FIELDS = ['name', 'description', 'parentId', 'displayOrder'] as const;
const LABELS: Record<string, string> = {
  name: 'Name',
  description: 'Description',
  parentId: 'Inside',
  displayOrder: 'Position',
  menuId: 'Menu',
};

interface CategoryDraft {
  name: string;
  description: string;
  parentId: string;
  displayOrder: string;
}

const draftOf = (category: Category | null, parentId: string | null): CategoryDraft => ({
  name: category?.name ?? '',
  description: category?.description ?? '',
  parentId: (category ? category.parentId : parentId) ?? '',
  displayOrder: String(category?.displayOrder ?? 0),
});

export interface CategoryEditorProps {
  businessId: string;
  menuId: string;
  /** The saved category with its subtree; null for a new one under `parentId` (null: top level). */
  category: TreeCategory | null;
  parentId: string | null;
  categories: readonly TreeCategory[];
  mayWrite: boolean;
  created?: boolean;
  onSaved: (category: Category) => void;
  onDeleted: () => void;
  onEdited: (edited: boolean) => void;
}

/** A category's name, description, parent (nesting) and position; create and delete. */
export function CategoryEditor(props: CategoryEditorProps) {
  const { businessId, menuId, category, categories, mayWrite, onEdited } = props;
  const editor = useEditor<CategoryDraft>({
    initial: () => draftOf(category, props.parentId),
    isNew: category === null,
    created: props.created,
    onEdited,
  });
  const { draft, saved, set, messages } = editor;
  const idPrefix = `category-${category?.id ?? 'new'}`;
  // Not into itself or below itself (the API refuses that too).
  const excluded = category ? subtreeIds(category) : new Set<string>();

  const submit = async (event: Event) => {
    event.preventDefault();
    const position = draft.displayOrder.trim();
    if (!/^-?\d+$/.test(position))
      return editor.refuse(new Map([['displayOrder', ['must be a whole number']]]));
    const fields = {
      name: draft.name.trim(),
      description: draft.description.trim() === '' ? null : draft.description.trim(),
      parentId: draft.parentId === '' ? null : draft.parentId,
      displayOrder: Number(position),
    };
    const changed = category
      ? Object.fromEntries(
          Object.entries(fields).filter(([key]) => {
            const field = key as keyof CategoryDraft;
            return saved[field] !== draft[field];
          }),
        )
      : fields;
    const answer = category
      ? await editor.run({ doing: 'Saving', done: 'Saved', failed: 'Not saved' }, () =>
          api<Category>('PATCH', adminPath(businessId, 'menu/categories', category.id), changed),
        )
      : await editor.run({ doing: 'Creating', done: 'Created', failed: 'Not created' }, () =>
          api<Category>('POST', adminPath(businessId, 'menu/categories'), { menuId, ...fields }),
        );
    if (!answer) return;
    editor.accept(draftOf(answer, answer.parentId));
    props.onSaved(answer);
  };

  const remove = async () => {
    if (!category) return;
    const items = countItems([category]);
    const below = category.categories.length;
    const warning = `Delete the category “${category.name}”${
      items + below > 0 ? ` with its ${below} subcategories and ${items} items` : ''
    }? This cannot be undone.`;
    if (!window.confirm(warning)) return;
    const done = await editor.run({ doing: 'Deleting', done: 'Deleted', failed: 'Not deleted' }, () =>
      api<null>('DELETE', adminPath(businessId, 'menu/categories', category.id)).then(() => true),
    );
    if (done) props.onDeleted();
  };

  return (
    <form
      ref={editor.form}
      class="editor"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby={`${idPrefix}-title`}
    >
      <h2 id={`${idPrefix}-title`} ref={editor.heading} tabIndex={-1}>
        {category ? `Category: ${category.name}` : 'New category'}
      </h2>
      <fieldset disabled={!mayWrite || editor.busy}>
        <legend class="visually-hidden">Category details</legend>
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
          <Field
            id={`${idPrefix}-description`}
            label="Description"
            messages={messagesFor(messages, 'description')}
            class="wide"
          >
            {(described) => (
              <textarea
                {...described}
                rows={2}
                value={draft.description}
                onInput={(event) => set('description', event.currentTarget.value)}
              />
            )}
          </Field>
          <Field id={`${idPrefix}-parentId`} label="Inside" messages={messagesFor(messages, 'parentId')}>
            {(described) => (
              <select
                {...described}
                value={draft.parentId}
                onChange={(event) => set('parentId', event.currentTarget.value)}
              >
                <option value="">(top level)</option>
                {categoryChoices(categories)
                  .filter((choice) => !excluded.has(choice.id))
                  .map((choice) => (
                    <option key={choice.id} value={choice.id}>
                      {choice.label}
                    </option>
                  ))}
              </select>
            )}
          </Field>
          <Field
            id={`${idPrefix}-displayOrder`}
            label="Position"
            hint="Lower comes first"
            messages={messagesFor(messages, 'displayOrder')}
          >
            {(described) => (
              <input
                {...described}
                inputMode="numeric"
                value={draft.displayOrder}
                onInput={(event) => set('displayOrder', event.currentTarget.value)}
              />
            )}
          </Field>
        </div>
      </fieldset>
      {mayWrite && (
        <EditorActions
          editor={editor}
          saveLabel={category ? 'Save category' : 'Create category'}
          deleteLabel="Delete category"
          onDelete={() => void remove()}
        />
      )}
      <SaveStatus state={editor.state} shownFields={FIELDS} labels={LABELS} />
    </form>
  );
}
