import { readFile } from 'node:fs/promises';
import { ConnectorError } from './connector-error.js';
import { displayUrl } from './source-address.js';

/** The bearer token for the next request: fixed (`--token`, BRIGADE_INGEST_TOKEN) or read anew from a file. */
export interface TokenSource {
  token(): Promise<string | undefined>;
  /** A file can be given a fresh token while the connector waits; a fixed token cannot change. */
  readonly renewable: boolean;
}

export const fixedToken = (token: string | undefined): TokenSource => ({
  token: async () => token,
  renewable: false,
});

/** `--token-file`: read before every request or connection, so a token rotated into it is used next. */
export const fileToken = (path: string): TokenSource => ({
  token: async () => {
    try {
      return (await readFile(path, 'utf8')).trim() || undefined;
    } catch (error) {
      // Between a rotation's unlink and rename, say: waited out and retried, like an outage.
      throw new SourceUnavailable(
        `--token-file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        { cause: error },
      );
    }
  },
  renewable: true,
});

/** A failure the source may get over: unreachable, timed out, overloaded (408, 429, 5xx). Retried. */
export class SourceUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SourceUnavailable';
  }
}

export type StatusClass = 'ok' | 'retry' | 'unauthorized' | 'refused';

/** What an answer's status means for a connector. */
export function classifyStatus(status: number): StatusClass {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 408 || status === 425 || status === 429 || status >= 500) return 'retry';
  return 'refused';
}

/**
 * Sends a GET to the source and returns the answer when it is a 2xx; otherwise throws what the status
 * means (SourceUnavailable, or a ConnectorError the connector stops on). A refused token with a token
 * file is waited out like an outage: the file may be given a fresh one. Never puts the token in an
 * error or a log.
 */
export async function getFromSource(
  url: URL,
  options: { tokens: TokenSource; accept: string; headers?: Record<string, string>; signal: AbortSignal },
): Promise<Response> {
  const token = await options.tokens.token();
  let response: Response;
  try {
    response = await fetch(url, {
      headers: {
        accept: options.accept,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...options.headers,
      },
      signal: options.signal,
    });
  } catch (error) {
    throw new SourceUnavailable(`${displayUrl(url)} unreachable: ${describeCause(error)}`, { cause: error });
  }
  const verdict = classifyStatus(response.status);
  if (verdict === 'ok') return response;
  const detail = `${response.status} from ${displayUrl(url)}${await problemOf(response)}`;
  if (verdict === 'retry' || (verdict === 'unauthorized' && options.tokens.renewable)) {
    throw new SourceUnavailable(detail);
  }
  throw new ConnectorError(
    verdict === 'unauthorized' ? 'ingest_source_unauthorized' : 'ingest_source_refused',
    detail,
  );
}

/** `: forbidden (Not allowed)` from a problem+json body, if the answer has one. */
async function problemOf(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const problem = JSON.parse(text) as { code?: unknown; detail?: unknown; title?: unknown };
    const code = typeof problem.code === 'string' ? problem.code : undefined;
    const detail = typeof problem.detail === 'string' ? problem.detail : problem.title;
    if (code || typeof detail === 'string')
      return `: ${[code, detail].filter(Boolean).join(' — ')}`.slice(0, 300);
  } catch {
    // not JSON: the status says enough
  }
  return '';
}

function describeCause(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}
