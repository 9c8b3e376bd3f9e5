/** What a scan of the folder saw of a file. */
export interface SeenFile {
  name: string;
  size: number;
  mtimeMs: number;
}

/**
 * The files ready to be read: those the previous scan saw with the same size and modification time. A
 * file still being written changes between two scans and waits for the next one; a writer that pauses
 * longer than the scan interval is not caught by this, which is why the documented convention is to
 * write under a hidden or other name and rename into place (docs/ingestion.md, "Connectors").
 */
export function stableFiles(
  previous: ReadonlyMap<string, SeenFile>,
  current: readonly SeenFile[],
): SeenFile[] {
  return current
    .filter((file) => {
      const before = previous.get(file.name);
      return before !== undefined && before.size === file.size && before.mtimeMs === file.mtimeMs;
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
