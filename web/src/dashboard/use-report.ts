import { useEffect, useRef } from 'preact/hooks';
import { api } from '../api/api-client.js';
import { type Resource, useResource } from '../app/use-resource.js';

/**
 * One lake report for a panel: loaded when its URL (report and filters) changes, and loaded again,
 * keeping the figures on screen meanwhile, whenever `reloads` goes up (the screen's throttled
 * reaction to order events).
 */
export function useReport<T>(url: string, reloads: number): Resource<T> {
  const resource = useResource(() => api<T>('GET', url), url);
  const seen = useRef(reloads);
  const { reload } = resource;
  useEffect(() => {
    if (seen.current === reloads) return;
    seen.current = reloads;
    reload();
  }, [reloads, reload]);
  return resource;
}
