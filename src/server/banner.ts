import type { DemoLogin } from './demo-logins.js';

const ROLE_LABELS: Record<DemoLogin['role'], string> = {
  owner: 'owner',
  manager: 'manager',
  kitchen: 'kitchen staff',
  cashier: 'cashier',
  driver: 'driver',
  customer: 'customer',
};

/**
 * The demo logins for people. This and the start banner are the only places demo passwords are ever
 * shown (stdout, never the log): they are throwaway credentials for a demo database.
 */
export function formatDemoLogins(logins: DemoLogin[]): string[] {
  if (logins.length === 0) return [];
  const width = Math.max(...logins.map((login) => login.email.length));
  const lines = ["  Demo logins (the web app's sign-in, or POST /api/v1/auth/login):"];
  let business: string | undefined;
  for (const login of logins) {
    if (login.business !== business) {
      business = login.business;
      lines.push(`    ${business}`);
    }
    const password = login.password ?? '(password not known here: set when the demo was first seeded)';
    lines.push(`      ${ROLE_LABELS[login.role].padEnd(13)} ${login.email.padEnd(width)}  ${password}`);
  }
  return lines;
}

/** The start-up banner, printed on stdout beside the JSON logs. */
export function formatBanner(
  url: string,
  logins: DemoLogin[] | undefined,
  demo: { simulationSpeed?: number | undefined; historyDays?: number | undefined } = {},
): string {
  const { simulationSpeed, historyDays } = demo;
  const lines = [
    '',
    `  Brigade is running at ${url}`,
    `    Web app:   ${url}/  (dashboard, orders, kitchen display, menu, SQL console: sign in below)`,
    `    API docs:  ${url}/docs`,
    `    Health:    ${url}/health`,
  ];
  if (simulationSpeed !== undefined) {
    lines.push(
      `    Live demo: simulated customers, cooks and drivers at ${simulationSpeed}× real time (BRIGADE_SIMULATOR=off to stop it)`,
    );
  }
  if (historyDays !== undefined) {
    lines.push(
      `    History:   today's orders so far and ${historyDays === 1 ? 'the day before' : `the ${historyDays} days before`}, written in the background; dashboards fill in over the next minutes (BRIGADE_DEMO_HISTORY_DAYS)`,
    );
  }
  if (logins && logins.length > 0) lines.push('', ...formatDemoLogins(logins));
  lines.push('');
  return `${lines.join('\n')}\n`;
}
