import { deniedFunction } from './sql-denylist.js';

type Node = Record<string, unknown>;

/** A name a CTE may have: a plain identifier, so it can never be mistaken for a file or URL. */
const CTE_NAME = /^[a-z_][a-z0-9_]*$/i;

/**
 * Checks one parsed SELECT (DuckDB's `json_serialize_sql` tree) and returns why it is refused, or
 * null. The tree is walked generically, every object at every depth, so a construct this code does
 * not know still has its table references and function calls checked:
 * - a table reference must be one of the tenant's views, or a CTE in scope, and unqualified (no
 *   schema or catalog: no `information_schema`, no other database);
 * - table functions are refused outright (`read_parquet(...)`, `glob(...)`, `duckdb_settings()`, ...);
 * - functions on the denylist are refused wherever they appear;
 * - a bare string in FROM (`FROM 'file.parquet'`, a replacement scan) is a table reference named like
 *   a file, and is refused like any unknown name.
 */
export function refusalOf(statement: unknown, views: ReadonlySet<string>): string | null {
  return walk(statement, views);
}

function walk(value: unknown, scope: ReadonlySet<string>): string | null {
  if (Array.isArray(value)) {
    for (const item of value) {
      const reason = walk(item, scope);
      if (reason) return reason;
    }
    return null;
  }
  if (value === null || typeof value !== 'object') return null;
  const node = value as Node;

  // A query node's CTEs are visible in the whole node, their own bodies included (recursive CTEs).
  let inner = scope;
  const ctes = cteNames(node);
  if (ctes.length > 0) {
    const bad = ctes.find((name) => !CTE_NAME.test(name));
    if (bad !== undefined) return `CTE name ${JSON.stringify(bad)} is not a plain identifier`;
    inner = new Set([...scope, ...ctes.map((name) => name.toLowerCase())]);
  }

  const reason = checkNode(node, inner);
  if (reason) return reason;
  for (const child of Object.values(node)) {
    const childReason = walk(child, inner);
    if (childReason) return childReason;
  }
  return null;
}

function checkNode(node: Node, scope: ReadonlySet<string>): string | null {
  switch (node.type) {
    case 'TABLE_FUNCTION': {
      const name = (node.function as Node | undefined)?.function_name;
      return `table function ${typeof name === 'string' ? name.toLowerCase() : '(unnamed)'}() is not allowed`;
    }
    case 'BASE_TABLE': {
      const table = String(node.table_name ?? '');
      if (node.schema_name || node.catalog_name) {
        return `only the analytics views can be queried, not ${[node.catalog_name, node.schema_name, table].filter(Boolean).join('.')}`;
      }
      if (node.at_clause !== null && node.at_clause !== undefined) return 'AT (time travel) is not allowed';
      if (!scope.has(table.toLowerCase())) {
        return `unknown table ${JSON.stringify(table)}: only the analytics views (and your CTEs) can be queried`;
      }
      return null;
    }
    case 'SHOW_REF':
      // DESCRIBE/SUMMARIZE of a query are checked through their query; SHOW <name> reads the catalog.
      return node.query === null || node.query === undefined ? 'SHOW is not allowed' : null;
  }
  if (typeof node.function_name === 'string') {
    const schema = node.schema ?? '';
    const catalog = node.catalog ?? '';
    // The parser itself writes `main.` for some built-ins (list literals); other qualifiers are refused.
    if ((schema !== '' && schema !== 'main') || catalog !== '') {
      return `qualified function ${String(schema)}.${node.function_name}() is not allowed`;
    }
    return deniedFunction(node.function_name);
  }
  return null;
}

function cteNames(node: Node): string[] {
  const map = (node.cte_map as { map?: unknown } | undefined)?.map;
  if (!Array.isArray(map)) return [];
  return map.map((entry) => String((entry as { key?: unknown }).key ?? ''));
}
