import { performance } from 'node:perf_hooks';
import Fastify from 'fastify';
import pg from 'pg';
import { newServerStats, runBenchServer, serveParent } from './bench-server.js';
import { checkSetLines, readOrderScript, type ScriptStatement, setVariables } from './pgbench-script.js';

/**
 * The ceiling of `npm run bench:orders -- --ceiling`: the least a Node HTTP service can do to place
 * pgbench's order. A plain Fastify app (logger off, no auth, no validation beyond JSON parsing) whose
 * one route, `POST /ceiling`, runs exactly the transaction of `bench/pgbench-order.sql` on a `pg` Pool
 * of the app's size and answers 201 with the order id. Whatever ratio this reaches against pgbench is
 * what any Node service could reach on the machine; the app's ratio is to be read against it.
 *
 * Statements go out as Brigade's PostgreSQL adapter sends them: the script's BEGIN and COMMIT as
 * plain queries (the adapter's `transaction`), everything between as named prepared statements.
 *
 * Configured like `bench/order-server.ts` (environment BENCH_DATABASE_URL, BENCH_POOL_SIZE,
 * BENCH_SCRIPT_FILE and BENCH_VARIABLES, pgbench's -D variables as a JSON object) and driven over the
 * same IPC protocol (`bench-server.ts`), so the load generator drives both the same way.
 */

interface NamedStatement extends ScriptStatement {
  name: string;
}

async function main(): Promise<void> {
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  const scriptFile = process.env.BENCH_SCRIPT_FILE;
  const variablesJson = process.env.BENCH_VARIABLES;
  if (!databaseUrl || !scriptFile || !variablesJson || !process.send) {
    throw new Error(
      'ceiling-server is started by bench/orders.ts (fork with BENCH_DATABASE_URL, BENCH_SCRIPT_FILE and BENCH_VARIABLES)',
    );
  }
  const constants = JSON.parse(variablesJson) as Record<string, string>;
  const script = await readOrderScript(scriptFile);
  checkSetLines(script);
  const first = script.statements[0];
  const last = script.statements.at(-1);
  if (first?.text !== 'BEGIN' || last?.text !== 'COMMIT' || script.statements.length < 3)
    throw new Error(`${scriptFile} must be one transaction: BEGIN; statements; COMMIT;`);
  const body: NamedStatement[] = script.statements
    .slice(1, -1)
    .map((statement, index) => ({ ...statement, name: `ceiling_${index + 1}` }));

  const stats = newServerStats();
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: Number(process.env.BENCH_POOL_SIZE ?? '10'),
  });
  pool.on('error', () => {});

  const placeOrder = async (): Promise<string> => {
    const variables: Record<string, string | number> = { ...constants, ...setVariables() };
    const started = performance.now();
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      for (const statement of body) {
        const values = statement.parameters.map((parameter) => {
          const value = variables[parameter];
          if (value === undefined) throw new Error(`pgbench variable :${parameter} is not set`);
          return value;
        });
        const result = await client.query({ name: statement.name, text: statement.text, values });
        if (statement.gset) Object.assign(variables, result.rows[0]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
      stats.transactions += 1;
      stats.roundTrips += body.length + 2;
      stats.dbMs += performance.now() - started;
    }
    return String(variables.order_id);
  };

  const app = Fastify({ logger: false });
  app.post('/ceiling', async (_request, reply) => {
    const id = await placeOrder();
    return reply.code(201).send({ id });
  });
  await serveParent(app, stats, () => pool.end());
}

runBenchServer(main);
