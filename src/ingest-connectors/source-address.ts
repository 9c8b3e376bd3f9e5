/**
 * Where a pull connector reads (docs/ingestion.md, "Connectors"). `--url` is either a Brigade base URL
 * (no path, or `/`), from which the business's feed or stream path is built, or — any other path — the
 * feed or stream itself, used as it is (another Brigade behind a path prefix, the stream-stack
 * reference feed).
 */
export type PullKind = 'http' | 'sse';

export function sourceUrl(kind: PullKind, url: URL, sourceBusinessId: string): URL {
  if (url.pathname !== '/' && url.pathname !== '') return new URL(url);
  const path = `/api/v1/businesses/${encodeURIComponent(sourceBusinessId)}/events${kind === 'sse' ? '/stream' : ''}`;
  const resolved = new URL(path, url);
  resolved.search = url.search;
  return resolved;
}

/** The feed page after `since`: `?since=&limit=` on the feed URL (other query parameters kept). */
export function pageUrl(feed: URL, since: number, limit: number): URL {
  const page = new URL(feed);
  page.searchParams.set('since', String(since));
  page.searchParams.set('limit', String(limit));
  return page;
}

/** The stream resumed after `since` (also sent as Last-Event-ID, which Brigade reads first). */
export function resumeUrl(stream: URL, since: number): URL {
  const resumed = new URL(stream);
  resumed.searchParams.set('since', String(since));
  return resumed;
}

/**
 * The URL as logs and the connectors table show it: no user info and no query, where a source may
 * carry a credential (`?access_token=`).
 */
export function displayUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}
