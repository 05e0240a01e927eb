/**
 * HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) of a run's traffic, for browser dev tools and HAR
 * viewers. Exchanges are redacted when recorded, so API keys never reach the file.
 */
import type { Exchange } from '../model.js';

interface HarHeader {
  name: string;
  value: string;
}

const pairs = (headers: Record<string, string>): HarHeader[] =>
  Object.entries(headers).map(([name, value]) => ({ name, value }));

/**
 * @example
 * fs.writeFileSync('run.har', JSON.stringify(toHar(report.exchanges, '0.1.0'), null, 2));
 */
export function toHar(exchanges: readonly Exchange[], version: string): object {
  return {
    log: {
      version: '1.2',
      creator: { name: 'plexmcp-conformance', version },
      pages: [],
      entries: exchanges.map((e) => {
        const url = new URL(e.request.url);
        const requestType =
          Object.entries(e.request.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ??
          'application/octet-stream';
        return {
          startedDateTime: e.startedAt,
          time: e.durationMs,
          comment: e.tag,
          request: {
            method: e.request.method,
            url: e.request.url,
            httpVersion: 'HTTP/1.1',
            cookies: [],
            headers: pairs(e.request.headers),
            queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
            ...(e.request.body !== undefined ? { postData: { mimeType: requestType, text: e.request.body } } : {}),
            headersSize: -1,
            bodySize: e.request.bodySize,
          },
          response: {
            status: e.response?.status ?? 0,
            statusText: e.response?.statusText ?? '',
            httpVersion: 'HTTP/1.1',
            cookies: [],
            headers: pairs(e.response?.headers ?? {}),
            content: {
              size: e.response?.bodySize ?? 0,
              mimeType: e.response?.headers['content-type'] ?? '',
              text: e.response?.body ?? '',
            },
            redirectURL: e.response?.headers.location ?? '',
            headersSize: -1,
            bodySize: e.response?.bodySize ?? -1,
            ...(e.networkError ? { _error: e.networkError } : {}),
            ...(e.resentAfter ? { _resentAfter: e.resentAfter } : {}),
          },
          cache: {},
          timings: { send: 0, wait: e.durationMs, receive: 0 },
        };
      }),
    },
  };
}
