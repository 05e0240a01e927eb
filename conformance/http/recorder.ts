/**
 * A recording `fetch`: every request the suite makes (through the typed client or raw) is kept, redacted, as an
 * `Exchange`, so that failures carry evidence, the oracle can judge every response and `--har` can export the traffic.
 */
import type { Exchange } from '../exchange.js';
import { Redactor } from './redact.js';

/** Bodies above this are kept as an excerpt: a 10 MiB probe should not sit in memory or in a HAR file twice. */
const MAX_KEPT_BODY = 256 * 1024;

export interface Recorder {
  /** A `fetch` that records; pass it to the typed client or call it directly. */
  fetch: typeof fetch;
  exchanges: Exchange[];
  redactor: Redactor;
  /** Tags later exchanges with the check that makes them. */
  setTag(tag: string): void;
  /** The exchange a response returned by `fetch` was recorded as. */
  exchangeFor(response: Response): Exchange | undefined;
  /** The unredacted body of a response returned by `fetch` (for checks that must look for secrets in it). */
  rawBodyFor(response: Response): string | undefined;
}

function keep(text: string): string {
  return text.length <= MAX_KEPT_BODY
    ? text
    : `${text.slice(0, MAX_KEPT_BODY)}… [${text.length - MAX_KEPT_BODY} more characters]`;
}

function requestBodyText(body: BodyInit | null | undefined): { text?: string; size: number } {
  if (body == null) return { size: 0 };
  if (typeof body === 'string') return { text: body, size: Buffer.byteLength(body) };
  if (body instanceof Uint8Array) return { text: Buffer.from(body).toString('utf8'), size: body.byteLength };
  if (body instanceof ArrayBuffer) return { text: Buffer.from(body).toString('utf8'), size: body.byteLength };
  if (body instanceof URLSearchParams) return { text: body.toString(), size: body.toString().length };
  return { text: '[stream body]', size: -1 };
}

/**
 * Methods a client may send again, unchanged, when the connection closed before any answer came: a server may close an
 * idle keep-alive connection at any time, and RFC 9112 §9.3.1 lets a client retry requests with idempotent methods on
 * a new connection. A request with a body is never sent twice.
 */
const RESENDABLE = new Set(['GET', 'HEAD', 'OPTIONS', 'DELETE', 'PUT']);

/** Whether `fetch` failed because the connection closed or reset before the answer (not a refusal or a timeout). */
function closedBeforeAnswer(error: unknown): boolean {
  const code = (error as { cause?: { code?: unknown } })?.cause?.code;
  return code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE';
}

/**
 * Lets the event loop poll for I/O once. After the suite has computed for a while (generating inputs, validating a
 * large answer), the server may have closed idle keep-alive connections meanwhile; the close is only noticed once I/O
 * is polled, and a request sent before that goes out on a connection that is already gone. The poll phase comes
 * between two check phases, so two `setImmediate` turns always include one.
 */
async function ioTurn(): Promise<void> {
  for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
}

function describeError(error: unknown): string {
  return error instanceof Error
    ? `${error.message}${error.cause ? `: ${String((error.cause as Error).message ?? error.cause)}` : ''}`
    : String(error);
}

/**
 * @example
 * const recorder = createRecorder({ secrets: [apiKey] });
 * await recorder.fetch('http://127.0.0.1:8080/health');
 * recorder.exchanges[0]?.response?.status; // 200
 */
export function createRecorder(
  options: { fetch?: typeof fetch; secrets?: Iterable<string | undefined> } = {},
): Recorder {
  const inner = options.fetch ?? globalThis.fetch;
  const redactor = new Redactor(options.secrets ?? []);
  const exchanges: Exchange[] = [];
  let tag = 'suite';
  const byResponse = new WeakMap<Response, Exchange>();
  const rawBodies = new WeakMap<Response, string>();

  const recording = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : undefined;
    const url = request ? request.url : String(input);
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    const headerBag = new Headers(init?.headers ?? request?.headers);
    const headers: Record<string, string> = {};
    headerBag.forEach((value, name) => {
      headers[name] = value;
    });
    let bodyInfo = requestBodyText(init?.body);
    if (!init?.body && request?.body) {
      const text = await request.clone().text();
      bodyInfo = { text, size: Buffer.byteLength(text) };
    }
    const exchange: Exchange = {
      seq: exchanges.length + 1,
      tag,
      startedAt: new Date().toISOString(),
      durationMs: 0,
      request: {
        method,
        url,
        headers: redactor.headers(headers),
        ...(bodyInfo.text !== undefined ? { body: keep(redactor.text(bodyInfo.text)) } : {}),
        bodySize: bodyInfo.size,
      },
    };
    exchanges.push(exchange);
    const started = performance.now();
    const resendable = RESENDABLE.has(method) && init?.body == null && !request?.body;
    const sendOnce = async () => {
      await ioTurn();
      return inner(input, init);
    };
    try {
      let response: Response;
      try {
        response = await sendOnce();
      } catch (error) {
        if (!resendable || !closedBeforeAnswer(error)) throw error;
        exchange.resentAfter = describeError(error);
        response = await sendOnce();
      }
      const text = await response.text();
      exchange.durationMs = Math.round(performance.now() - started);
      const responseHeaders: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        responseHeaders[name.toLowerCase()] = value;
      });
      exchange.response = {
        status: response.status,
        statusText: response.statusText,
        headers: redactor.headers(responseHeaders),
        body: keep(redactor.text(text)),
        bodySize: Buffer.byteLength(text),
      };
      // A body may not be given for these statuses (Fetch standard, "null body status").
      const nullBody = [101, 204, 205, 304].includes(response.status);
      const replay = new Response(nullBody ? null : text, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
      byResponse.set(replay, exchange);
      rawBodies.set(replay, text);
      return replay;
    } catch (error) {
      exchange.durationMs = Math.round(performance.now() - started);
      exchange.networkError = describeError(error);
      throw error;
    }
  };

  return {
    fetch: recording as typeof fetch,
    exchanges,
    redactor,
    setTag(next) {
      tag = next;
    },
    exchangeFor(response) {
      return byResponse.get(response);
    },
    rawBodyFor(response) {
      return rawBodies.get(response);
    },
  };
}
