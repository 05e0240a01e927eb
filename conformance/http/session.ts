/**
 * Raw HTTP for checks: well-formed or deliberately malformed requests, sent through the recording fetch, answered
 * as a `Reply` that carries its recorded `Exchange` for evidence.
 */
import type { Exchange } from '../exchange.js';
import type { Recorder } from './recorder.js';

/** Which credentials a request carries. Default `main`: `Authorization: ApiKey <key>` (openapi.yaml "Authentication"). */
export type Auth =
  | 'main'
  | 'none'
  | 'other-org'
  | { key: string; scheme?: 'ApiKey' | 'Bearer' | 'X-API-Key' }
  | { header: string; value: string };

export interface SendOptions {
  query?: Record<string, string | number | undefined>;
  /** Sent as JSON with `Content-Type: application/json`. */
  json?: unknown;
  /** Sent as is; set the content type yourself. */
  rawBody?: string;
  headers?: Record<string, string>;
  auth?: Auth;
  timeoutMs?: number;
  /**
   * Waits out `429 rate_limited` (Retry-After, at most 10 s) and retries, up to this many times (default 3), so that
   * checks about other things are not derailed by the rate limit. Rate-limit checks pass 0.
   */
  rateLimitRetries?: number;
}

export interface Reply {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
  exchange: Exchange;
}

export interface HttpSession {
  send(method: string, path: string, options?: SendOptions): Promise<Reply>;
  /** Absolute URL for a path (the base URL may carry a path prefix). */
  url(path: string, query?: Record<string, string | number | undefined>): string;
}

export function createHttpSession(opts: {
  baseUrl: string;
  apiKey: string;
  otherOrgApiKey?: string;
  recorder: Recorder;
  defaultTimeoutMs?: number;
}): HttpSession {
  const base = opts.baseUrl.replace(/\/+$/, '');

  const url = (path: string, query?: Record<string, string | number | undefined>): string => {
    const u = new URL(base + path);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) u.searchParams.set(k, String(v));
    return u.toString();
  };

  const authHeaders = (auth: Auth): Record<string, string> => {
    if (auth === 'none') return {};
    if (auth === 'main') return { Authorization: `ApiKey ${opts.apiKey}` };
    if (auth === 'other-org') {
      if (!opts.otherOrgApiKey) throw new Error('otherOrgApiKey is not configured');
      return { Authorization: `ApiKey ${opts.otherOrgApiKey}` };
    }
    if ('header' in auth) return { [auth.header]: auth.value };
    const scheme = auth.scheme ?? 'ApiKey';
    return scheme === 'X-API-Key' ? { 'X-API-Key': auth.key } : { Authorization: `${scheme} ${auth.key}` };
  };

  return {
    url,
    async send(method, path, options = {}) {
      let retries = options.rateLimitRetries ?? 3;
      for (;;) {
        const reply = await sendOnce(method, path, options);
        if (
          reply.status !== 429 ||
          retries-- <= 0 ||
          (reply.json as { error?: { code?: string } } | undefined)?.error?.code === 'quota_exceeded'
        )
          return reply;
        const wait = Math.min(Math.max(Number.parseInt(reply.headers['retry-after'] ?? '1', 10) || 1, 1), 10);
        await new Promise((r) => setTimeout(r, wait * 1000 + 100));
      }
    },
  };

  async function sendOnce(method: string, path: string, options: SendOptions): Promise<Reply> {
    {
      const headers: Record<string, string> = { Accept: 'application/json', ...authHeaders(options.auth ?? 'main') };
      let body: string | undefined;
      if (options.json !== undefined) {
        body = JSON.stringify(options.json);
        headers['Content-Type'] = 'application/json';
      } else if (options.rawBody !== undefined) {
        body = options.rawBody;
      }
      Object.assign(headers, options.headers ?? {});
      const response = await opts.recorder.fetch(url(path, options.query), {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
        signal: AbortSignal.timeout(options.timeoutMs ?? opts.defaultTimeoutMs ?? 30_000),
      });
      const text = await response.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      const exchange = opts.recorder.exchangeFor(response);
      if (!exchange) throw new Error('the recorder lost an exchange');
      const h: Record<string, string> = {};
      response.headers.forEach((v, k) => {
        h[k.toLowerCase()] = v;
      });
      return { status: response.status, headers: h, text, json, exchange };
    }
  }
}
