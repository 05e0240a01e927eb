/**
 * Retrying `429 Too Many Requests`, honouring `Retry-After`.
 *
 * Any method is retried, POST included: a 429 means the server refused the request before doing anything with it
 * (RFC 6585 §4), so sending it again cannot apply it twice. Other failures (5xx, network errors) are never retried
 * here, because the request may have been applied; use `Idempotency-Key` and retry those yourself.
 */

/**
 * How the client retries 429 responses.
 *
 * @example
 * createPlexMcpClient({ baseUrl, apiKey, retry: { attempts: 5, maxDelayMs: 10_000 } });
 */
export interface RetryOptions {
  /** Total attempts, the first included (default 3; 1 means no retry). */
  readonly attempts?: number;
  /**
   * The longest single wait, in milliseconds (default 30,000). When the server asks for a longer one, the client
   * gives up at once and returns the 429 rather than retrying earlier than the server allowed (RFC 9110 §10.2.3).
   */
  readonly maxDelayMs?: number;
  /** The wait when a 429 carries no usable `Retry-After`, doubled on each retry (default 1,000 ms). */
  readonly fallbackDelayMs?: number;
}

/**
 * The defaults `createPlexMcpClient` uses when `retry` is not given.
 *
 * @example
 * createPlexMcpClient({ baseUrl, apiKey, retry: { ...DEFAULT_RETRY, attempts: 6 } });
 */
export const DEFAULT_RETRY: Required<RetryOptions> = { attempts: 3, maxDelayMs: 30_000, fallbackDelayMs: 1_000 };

type Fetch = (input: Request) => Promise<Response>;

/**
 * Parses a `Retry-After` value (RFC 9110 §10.2.3: delay-seconds or an HTTP-date) into milliseconds from `now`.
 * Returns null when the value is missing or neither form; a date in the past gives 0.
 *
 * @example
 * parseRetryAfter('2'); // 2000
 * parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:58 GMT')); // 2000
 * parseRetryAfter('soon'); // null
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (value == null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Only the HTTP-date form is meaningful here; Date.parse would also accept bare numbers and odd strings.
  if (!/[A-Za-z]{3},? /.test(trimmed)) return null;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * Wraps a fetch function so that a 429 is retried after the advertised `Retry-After`, up to `attempts` in all.
 * A `quota_exceeded` 429 is returned at once: the monthly quota does not come back in seconds.
 * The returned response is the last one received, so a caller that runs out of attempts still sees the 429.
 *
 * @example
 * const fetchWithRetry = withRetry((request) => fetch(request), { attempts: 5, maxDelayMs: 10_000 });
 * const response = await fetchWithRetry(new Request('http://127.0.0.1:8080/v1/mcps', { headers }));
 */
export function withRetry(baseFetch: Fetch, options: RetryOptions = {}): Fetch {
  const { attempts, maxDelayMs, fallbackDelayMs } = { ...DEFAULT_RETRY, ...options };
  return async (request: Request): Promise<Response> => {
    for (let attempt = 1; ; attempt++) {
      const isLast = attempt >= attempts;
      // A Request body can be read once: send a clone while another attempt may follow.
      const response = await baseFetch(isLast ? request : request.clone());
      if (response.status !== 429 || isLast || (await isQuotaExceeded(response))) return response;
      const advertised = parseRetryAfter(response.headers.get('retry-after'));
      const delay = advertised ?? Math.min(fallbackDelayMs * 2 ** (attempt - 1), maxDelayMs);
      if (delay > maxDelayMs) return response;
      await response.body?.cancel();
      await sleep(delay, request.signal);
    }
  };
}

async function isQuotaExceeded(response: Response): Promise<boolean> {
  try {
    const body: unknown = await response.clone().json();
    return (
      typeof body === 'object' &&
      body !== null &&
      (body as { error?: { code?: unknown } }).error?.code === 'quota_exceeded'
    );
  } catch {
    return false;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
