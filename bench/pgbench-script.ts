import { readFile } from 'node:fs/promises';

/**
 * `bench/pgbench-order.sql` read back for the ceiling server (`bench/ceiling-server.ts`), so the
 * minimal Node service runs pgbench's transaction from the very same SQL text instead of a copy
 * that could drift from it.
 *
 * Variables become bind parameters the way `pgbench -M prepared` does it: every `:name` occurrence,
 * in order, becomes the next `$n` (a repeated variable is bound again, as pgbench binds it), and
 * `::` casts are left alone.
 */
export interface ScriptStatement {
  /** The SQL with `$1..$n` placeholders. */
  text: string;
  /** The variable bound to each placeholder, in order. */
  parameters: string[];
  /** `\gset`: the first row's columns become variables for the statements after it. */
  gset: boolean;
}

export interface OrderScript {
  statements: ScriptStatement[];
  /** The `\set` lines, verbatim: checked against what `setVariables` computes. */
  setLines: string[];
}

export async function readOrderScript(file: string): Promise<OrderScript> {
  return parseOrderScript(await readFile(file, 'utf8'));
}

export function parseOrderScript(source: string): OrderScript {
  const statements: ScriptStatement[] = [];
  const setLines: string[] = [];
  let pending: string[] = [];
  const finish = (gset: boolean) => {
    const sql = pending.join('\n').trim();
    pending = [];
    if (sql.length === 0) return;
    const parameters: string[] = [];
    const text = sql.replace(/::|:([A-Za-z_][A-Za-z0-9_]*)/g, (match, name: string | undefined) => {
      if (name === undefined) return match;
      parameters.push(name);
      return `$${parameters.length}`;
    });
    statements.push({ text, parameters, gset });
  };
  for (const raw of source.split('\n')) {
    const line = raw.trimEnd();
    if (line.trimStart().startsWith('--') || (pending.length === 0 && line.trim() === '')) continue;
    if (line.startsWith('\\set ')) {
      setLines.push(line);
      continue;
    }
    if (line.endsWith('\\gset')) {
      pending.push(line.slice(0, -'\\gset'.length).trimEnd());
      finish(true);
    } else if (line.endsWith(';')) {
      pending.push(line.slice(0, -1));
      finish(false);
    } else {
      pending.push(line);
    }
  }
  if (pending.join('').trim().length > 0) throw new Error('pgbench script ends inside a statement');
  return { statements, setLines };
}

/**
 * The script's `\set` lines, computed in JS: pgbench's `random(lo, hi)` is inclusive and its integer
 * division truncates. The script's lines are compared with these first, so an edit to the script
 * that this function does not follow fails loudly instead of measuring something else.
 */
export const SET_LINES = [
  '\\set q1 random(1, 3)',
  '\\set q2 random(1, 3)',
  '\\set q3 random(1, 3)',
  '\\set burger_price 1250 + 150',
  '\\set l1 :burger_price * :q1',
  '\\set l2 500 * :q2',
  '\\set l3 800 * :q3',
  '\\set subtotal :l1 + :l2 + :l3',
  '\\set tax (:subtotal * 1300 + 5000) / 10000',
  '\\set total :subtotal + :tax',
];

export function checkSetLines(script: OrderScript): void {
  if (JSON.stringify(script.setLines) !== JSON.stringify(SET_LINES))
    throw new Error(
      `bench/pgbench-order.sql's \\set lines changed; update setVariables in bench/pgbench-script.ts:\n${script.setLines.join('\n')}`,
    );
}

// Like pgbench's random(), a cheap non-cryptographic generator: the quantities only vary the rows.
const random = (low: number, high: number) => low + Math.floor(Math.random() * (high - low + 1));

export function setVariables(): Record<string, number> {
  const q1 = random(1, 3);
  const q2 = random(1, 3);
  const q3 = random(1, 3);
  const burgerPrice = 1250 + 150;
  const l1 = burgerPrice * q1;
  const l2 = 500 * q2;
  const l3 = 800 * q3;
  const subtotal = l1 + l2 + l3;
  const tax = Math.trunc((subtotal * 1300 + 5000) / 10000);
  const total = subtotal + tax;
  return { q1, q2, q3, burger_price: burgerPrice, l1, l2, l3, subtotal, tax, total };
}
