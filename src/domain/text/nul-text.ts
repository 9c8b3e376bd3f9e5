/**
 * The paths (JSON-pointer style under `path`) of the strings in `value`, keys included, that hold a
 * NUL character (`\u0000`): valid in JSON and in JavaScript, but text PostgreSQL cannot store (in
 * `text` or in `jsonb`). At most `limit`.
 */
export function nulTextPaths(value: unknown, path: string, limit = 10): string[] {
  const found: string[] = [];
  const walk = (node: unknown, at: string): void => {
    if (found.length >= limit) return;
    if (typeof node === 'string') {
      if (node.includes('\u0000')) found.push(at);
    } else if (Array.isArray(node)) {
      node.forEach((item, index) => {
        walk(item, `${at}/${index}`);
      });
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, item] of Object.entries(node)) {
        if (key.includes('\u0000')) found.push(at);
        walk(item, `${at}/${key}`);
      }
    }
  };
  walk(value, path);
  return found;
}
