/**
 * An RFC 9457 problem+json answer of the API (docs/errors.md), kept whole so screens can show what the
 * server said (status, stable code, detail, field errors) instead of hiding it.
 */
export interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  code?: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly body: ProblemBody;

  constructor(status: number, body: ProblemBody) {
    super(body.detail ?? body.title ?? `HTTP ${status}`);
    this.name = 'ApiProblem';
    this.status = status;
    this.code = body.code ?? `http_${status}`;
    this.body = body;
  }
}

/** Reads a failed answer: problem+json when the server sent one, a plain description otherwise. */
export async function problemOf(response: Response): Promise<ApiProblem> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as ProblemBody;
    if (body && typeof body === 'object') return new ApiProblem(response.status, body);
  } catch {
    // Not JSON (a proxy's HTML error page, say): fall through.
  }
  return new ApiProblem(response.status, { title: response.statusText || 'Request failed', detail: text });
}
