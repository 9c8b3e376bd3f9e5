import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/config.js';
import { retryDelayMs } from '../../../src/ingest-connectors/backoff.js';
import { defaultConnectorName } from '../../../src/ingest-connectors/connector-name.js';
import { readFeedPage } from '../../../src/ingest-connectors/feed-page.js';
import { displayUrl, pageUrl, resumeUrl, sourceUrl } from '../../../src/ingest-connectors/source-address.js';
import { classifyStatus } from '../../../src/ingest-connectors/source-client.js';
import { readStreamMessage } from '../../../src/ingest-connectors/stream-message.js';

const BUSINESS = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

describe('reading a feed page', () => {
  const event = (offset: number) => ({ offset, event_id: `e${offset}`, event_type: 'order.placed' });

  it('moves the watermark to next_since, or else to the last offset', () => {
    expect(readFeedPage({ events: [event(11), event(14)], next_since: 14 }, 10)).toEqual({
      ok: true,
      events: [event(11), event(14)],
      offsets: [11, 14],
      nextSince: 14,
    });
    const withoutNext = readFeedPage({ events: [event(11), event(14)] }, 10);
    expect(withoutNext.ok && withoutNext.nextSince).toBe(14);
  });

  it('reads an empty page as caught up, whatever next_since says', () => {
    expect(readFeedPage({ events: [], next_since: 10 }, 10)).toMatchObject({ ok: true, nextSince: 10 });
    expect(readFeedPage({ events: [] }, 7)).toMatchObject({ ok: true, nextSince: 7 });
  });

  it('refuses answers that are not a feed page, or that would poll the same page forever', () => {
    for (const body of [null, [], { items: [] }, 'page', { events: {} }]) {
      expect(readFeedPage(body, 0).ok).toBe(false);
    }
    expect(readFeedPage({ events: [event(5)], next_since: 5 }, 5)).toMatchObject({ ok: false });
    expect(readFeedPage({ events: [event(5)], next_since: -1 }, 0)).toMatchObject({ ok: false });
    expect(readFeedPage({ events: [event(5)], next_since: '9' }, 0)).toMatchObject({ ok: false });
    expect(readFeedPage({ events: [{ event_id: 'no offset' }] }, 0)).toMatchObject({ ok: false });
  });

  it('keeps events without an offset when next_since says where the page ends', () => {
    const page = readFeedPage({ events: [{ event_id: 'a' }, event(3)], next_since: 3 }, 0);
    expect(page).toMatchObject({ ok: true, offsets: [null, 3], nextSince: 3 });
  });
});

describe('reading a stream message', () => {
  it('takes the offset from id:, else from the data', () => {
    expect(readStreamMessage({ id: '42', event: 'order.placed', data: '{"offset":42,"a":1}' })).toEqual({
      offset: 42,
      event: { offset: 42, a: 1 },
    });
    expect(readStreamMessage({ data: '{"offset":7}' })).toEqual({ offset: 7, event: { offset: 7 } });
  });

  it('passes data that is not JSON on as text (the ingest answers unknown_format)', () => {
    expect(readStreamMessage({ id: '3', data: 'not json' })).toEqual({ offset: 3, event: 'not json' });
  });

  it('has no offset for ids that are not offsets', () => {
    expect(readStreamMessage({ id: 'abc', data: '{}' })).toBeUndefined();
    expect(readStreamMessage({ id: '-1', data: '{"offset":-1}' })).toBeUndefined();
    expect(readStreamMessage({ data: 'x' })).toBeUndefined();
  });
});

describe('source addresses', () => {
  it("builds a Brigade business's feed and stream from a base URL", () => {
    const base = new URL('http://127.0.0.1:8060');
    expect(sourceUrl('http', base, BUSINESS).href).toBe(
      `http://127.0.0.1:8060/api/v1/businesses/${BUSINESS}/events`,
    );
    expect(sourceUrl('sse', new URL('https://brigade.example/'), BUSINESS).href).toBe(
      `https://brigade.example/api/v1/businesses/${BUSINESS}/events/stream`,
    );
  });

  it('uses any other URL as the feed itself, and keeps its query', () => {
    const feed = new URL('http://feeds.example/stream-stack/events?partition=TOR-1');
    expect(sourceUrl('http', feed, BUSINESS).href).toBe(feed.href);
    expect(pageUrl(feed, 40, 1000).href).toBe(
      'http://feeds.example/stream-stack/events?partition=TOR-1&since=40&limit=1000',
    );
    expect(resumeUrl(new URL('http://x.example/s?since=3'), 9).href).toBe('http://x.example/s?since=9');
  });

  it('shows URLs without credentials or query', () => {
    expect(displayUrl(new URL('https://user:pw@x.example:8443/events?access_token=secret'))).toBe(
      'https://x.example:8443/events',
    );
  });

  it('names a connector after its kind, business and source', () => {
    expect(defaultConnectorName('http', BUSINESS, 'http://x.example/events')).toBe(
      `http:${BUSINESS}:http://x.example/events`,
    );
    expect(defaultConnectorName('dir', BUSINESS, `/${'d'.repeat(300)}`)).toHaveLength(200);
  });
});

describe('retrying', () => {
  it('sorts answers into success, retry, a refused token and a refused request', () => {
    expect([200, 204].map(classifyStatus)).toEqual(['ok', 'ok']);
    expect([408, 425, 429, 500, 502, 503].map(classifyStatus)).toEqual(Array(6).fill('retry'));
    expect([401, 403].map(classifyStatus)).toEqual(['unauthorized', 'unauthorized']);
    expect([400, 404, 410, 304].map(classifyStatus)).toEqual(Array(4).fill('refused'));
  });

  it('doubles the wait up to a ceiling, with jitter between half and all of it', () => {
    const low = () => 0;
    const high = () => 1;
    expect([1, 2, 3, 4].map((failures) => retryDelayMs(failures, high))).toEqual([500, 1000, 2000, 4000]);
    expect(retryDelayMs(1, low)).toBe(250);
    expect(retryDelayMs(20, high)).toBe(30_000);
    expect(retryDelayMs(1000, high)).toBe(30_000);
  });
});

describe('the source token', () => {
  it('comes from BRIGADE_INGEST_TOKEN, read and checked with the rest of the configuration', () => {
    expect(loadConfig({}).ingestToken).toBeUndefined();
    expect(loadConfig({ BRIGADE_INGEST_TOKEN: 'eyJ.abc.def' }).ingestToken).toBe('eyJ.abc.def');
    expect(() => loadConfig({ BRIGADE_INGEST_TOKEN: 'two words' })).toThrow(ConfigError);
  });
});
