import type { SqlTable } from './sql-types.js';

export interface TableListProps {
  tables: SqlTable[];
  /** A view was chosen: a starter query when the editor is empty, else its name at the cursor. */
  onTable: (table: SqlTable) => void;
  onColumn: (name: string) => void;
}

/** The views ad-hoc SQL can read, grouped by layer, each with its description and typed columns. */
export function TableList({ tables, onTable, onColumn }: TableListProps) {
  const layers = [...new Set(tables.map((table) => table.layer))];
  return (
    <nav class="sql-tables" aria-label="Tables">
      <h2>Tables</h2>
      <p class="muted small">Choose a table to start a query or add its name; a column adds its name.</p>
      {layers.map((layer) => (
        <section key={layer} aria-label={`${layer} tables`}>
          <h3 class="sql-layer">{layer}</h3>
          <ul>
            {tables
              .filter((table) => table.layer === layer)
              .map((table) => (
                <li key={table.name} data-table={table.name}>
                  <button
                    type="button"
                    class="sql-table-name"
                    title={table.description}
                    onClick={() => onTable(table)}
                  >
                    {table.name}
                  </button>
                  <details>
                    <summary>
                      {table.columns.length} cols<span class="visually-hidden"> of {table.name}</span>
                    </summary>
                    <p class="muted small">{table.description}</p>
                    <ul class="sql-columns">
                      {table.columns.map((column) => (
                        <li key={column.name}>
                          <button type="button" class="sql-column" onClick={() => onColumn(column.name)}>
                            {column.name} <span class="muted">{column.type}</span>
                          </button>
                        </li>
                      ))}
                    </ul>
                  </details>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}
