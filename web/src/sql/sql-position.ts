/** A character offset into SQL text as the 1-based line and column an editor shows. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

/** The `position` member of a sql_invalid problem (docs/analytics.md), when it carries one. */
export function problemPosition(body: object): number | null {
  const position = (body as { position?: unknown }).position;
  return typeof position === 'number' && Number.isInteger(position) && position >= 0 ? position : null;
}
