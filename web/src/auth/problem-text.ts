import { ApiProblem } from '../api/api-problem.js';

/** What a sign-in form shows for a failure: the server's words and code, or that it is unreachable. */
export function problemText(caught: unknown, fallback: string): string {
  return caught instanceof ApiProblem
    ? `${caught.body.detail ?? caught.body.title ?? fallback} (${caught.code})`
    : 'Cannot reach Brigade. Is the server running?';
}
