import type { Editor } from './use-editor.js';

/** Save, and for a saved record undo (once edited) and delete, under an editor. Writers only. */
export function EditorActions<D>({
  editor,
  saveLabel,
  deleteLabel,
  onDelete,
}: {
  editor: Editor<D>;
  saveLabel: string;
  deleteLabel: string;
  onDelete: () => void;
}) {
  return (
    <div class="editor-actions">
      <button type="submit" class="primary" disabled={!editor.edited || editor.busy}>
        {saveLabel}
      </button>
      {!editor.isNew && editor.edited && (
        <button type="button" onClick={editor.undo}>
          Undo changes
        </button>
      )}
      {!editor.isNew && (
        <button type="button" class="danger" onClick={onDelete}>
          {deleteLabel}
        </button>
      )}
    </div>
  );
}
