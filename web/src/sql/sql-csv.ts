/**
 * An SQL answer as CSV (RFC 4180): a header of the column names, CRLF line ends, a field quoted when
 * it holds a comma, a quote or a line break (quotes doubled). Values are written exactly as the API
 * returned them (BIGINT, DECIMAL, DATE and TIMESTAMP arrive as text), NULL as an empty field, and
 * lists and structs as JSON.
 */
export function toCsv(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [
    columns.map(csvField),
    ...rows.map((row) => columns.map((_name, index) => csvField(row[index]))),
  ];
  return `${lines.map((fields) => fields.join(',')).join('\r\n')}\r\n`;
}

function csvField(value: unknown): string {
  const text =
    value === null || value === undefined
      ? ''
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
