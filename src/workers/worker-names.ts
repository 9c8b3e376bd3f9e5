/**
 * The background roles Brigade runs. Each can run inside the API process (BRIGADE_WORKERS) or alone
 * (`brigade worker <name>`). Consumer roles are named after their consumer group.
 */
export const WORKER_NAMES = [
  'relay',
  'kitchen',
  'tables',
  'notifications',
  'notification-sender',
  'live-metrics',
  'lake',
] as const;

export type WorkerName = (typeof WORKER_NAMES)[number];

export function isWorkerName(name: string): name is WorkerName {
  return (WORKER_NAMES as readonly string[]).includes(name);
}
