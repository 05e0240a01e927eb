/**
 * The streamable HTTP transport's fetch. Its JSON-RPC POSTs (every tool call) go out on node:http(s) directly: the
 * global fetch copies and tees each request body and wraps everything in web streams, which cost more CPU per call
 * than the rest of the gateway. Everything else (the standalone GET stream, the session DELETE, requests that ask
 * fetch to follow redirects) uses the global fetch. Either way a POST whose event stream breaks is reported to
 * `onLost` (see response-loss.ts), so the gateway fails that one call at once.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import { fetchNoticingLostResponses, type RequestId, requestIdOf } from './response-loss.js';

/** Fetch (WHATWG Fetch §4.1 step "null body status") gives these responses no body. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

function headerPairs(headers: HeadersInit | undefined): [string, string][] {
  if (!headers) return [];
  if (headers instanceof Headers) {
    const pairs: [string, string][] = [];
    headers.forEach((value, name) => {
      pairs.push([name, value]);
    });
    return pairs;
  }
  if (Array.isArray(headers)) return headers.map(([name, value]) => [String(name), String(value)]);
  return Object.entries(headers);
}

function outgoingHeaders(init: RequestInit, body: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of headerPairs(init.headers)) headers[name.toLowerCase()] = value;
  // What fetch sends unless told otherwise, so the upstream sees the same request.
  headers['accept-encoding'] ??= 'gzip, deflate, br';
  headers['user-agent'] ??= 'node';
  headers['content-length'] = String(Buffer.byteLength(body));
  return headers;
}

/** The body as fetch hands it over: decoded when the upstream compressed it. */
function decodedBody(res: IncomingMessage): Readable {
  switch (res.headers['content-encoding']?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return res.pipe(createGunzip()).on('error', () => undefined);
    case 'deflate':
      return res.pipe(createInflate()).on('error', () => undefined);
    case 'br':
      return res.pipe(createBrotliDecompress()).on('error', () => undefined);
    default:
      return res;
  }
}

function toResponse(res: IncomingMessage, id: RequestId | undefined, onLost: (id: RequestId) => void): Response {
  const headers = new Headers();
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
    headers.append(res.rawHeaders[i] as string, res.rawHeaders[i + 1] as string);
  const status = res.statusCode ?? 502;
  if (NULL_BODY_STATUSES.has(status)) {
    res.resume();
    return new Response(null, { status, statusText: res.statusMessage, headers });
  }
  const isStream = headers.get('content-type')?.toLowerCase().startsWith('text/event-stream') ?? false;
  const decoded = decodedBody(res);
  // Registered before Readable.toWeb's own listener, so the call is answered before the transport sees the error.
  let reported = false;
  const lost = () => {
    if (reported || id === undefined || !isStream) return;
    reported = true;
    onLost(id);
  };
  res.once('error', lost);
  res.once('close', () => {
    if (!res.complete) lost();
  });
  if (decoded !== res) {
    decoded.once('error', lost);
    res.once('error', (error) => decoded.destroy(error));
  }
  return new Response(Readable.toWeb(decoded) as ReadableStream<Uint8Array>, {
    status,
    statusText: res.statusMessage,
    headers,
  });
}

function post(url: URL, init: RequestInit, body: string, onLost: (id: RequestId) => void): Promise<Response> {
  const signal = init.signal ?? undefined;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const id = requestIdOf(init);
  return new Promise((resolve, reject) => {
    let settled = false;
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method: 'POST', headers: outgoingHeaders(init, body) }, (res) => {
      settled = true;
      resolve(toResponse(res, id, onLost));
    });
    const onAbort = () => req.destroy(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    req.once('close', () => signal?.removeEventListener('abort', onAbort));
    req.once('error', (error) => {
      if (settled) return;
      settled = true;
      // fetch rejects with the signal's reason when aborted, and with TypeError "fetch failed" otherwise.
      reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: error }));
    });
    req.end(body);
  });
}

/** The transport's fetch; `onLost(id)` is told about a request whose response stream broke. */
export function nodeHttpFetch(onLost: (id: RequestId) => void): FetchLike {
  const viaFetch = fetchNoticingLostResponses(onLost);
  return (url, init) => {
    const target = url instanceof URL ? url : new URL(url);
    const simplePost =
      init?.method === 'POST' &&
      typeof init.body === 'string' &&
      init.redirect === 'manual' &&
      (target.protocol === 'http:' || target.protocol === 'https:');
    return simplePost ? post(target, init, init.body as string, onLost) : viaFetch(url, init);
  };
}
