/**
 * Requests on a plain socket, and the answers read back from it: the fuzzer writes every byte itself (duplicate
 * headers, bad encodings, broken framing), so nothing is normalised by an HTTP client on the way.
 */
import { connect } from 'node:net';

/** A request as the fuzzer builds it; `toBytes` frames it. */
export interface HttpCase {
  kind: 'http';
  /** The operation the request was generated for, when it was. */
  operationId: string | undefined;
  method: string;
  /** Path and query, exactly as sent. */
  target: string;
  /** In order, duplicates allowed; Host, Content-Length and Connection are added unless present. */
  headers: [string, string][];
  body: Buffer | undefined;
}

/** Bytes written as they are, for framing the HTTP parser must refuse. */
export interface RawCase {
  kind: 'raw';
  name: string;
  bytes: Buffer;
  /** False only when the bytes hold no request at all, so that closing without an answer is right. */
  expectsAnswer: boolean;
  /**
   * Half-close after the bytes, for a request left incomplete: the server then sees its end at once. Complete
   * requests are not half-closed, since Node abandons requests still in progress when the client's side ends.
   */
  halfClose: boolean;
}

export type FuzzCase = HttpCase | RawCase;

export interface RawAnswer {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
}

export interface Exchange {
  /** Every complete answer on the connection, in order. */
  answers: RawAnswer[];
  /** Bytes after the last complete answer (a truncated or unparsable one). */
  trailing: Buffer;
  /** A socket error such as ECONNRESET, or `timeout`. */
  error: string | undefined;
}

const has = (headers: [string, string][], name: string) => headers.some(([n]) => n.toLowerCase() === name);

/** The bytes of an HTTP case, framed as HTTP/1.1. */
export function toBytes(c: HttpCase, host: string): Buffer {
  const headers = [...c.headers];
  if (!has(headers, 'host')) headers.unshift(['Host', host]);
  if (c.body !== undefined && !has(headers, 'content-length') && !has(headers, 'transfer-encoding'))
    headers.push(['Content-Length', String(c.body.length)]);
  if (!has(headers, 'connection')) headers.push(['Connection', 'close']);
  const head = `${c.method} ${c.target} HTTP/1.1\r\n${headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), c.body ?? Buffer.alloc(0)]);
}

/** Sends `bytes` (then half-closes, if asked), and reads until the server closes (or `timeoutMs` passes). */
export function exchange(
  host: string,
  port: number,
  bytes: Buffer,
  options: { timeoutMs: number; head: boolean; halfClose: boolean },
): Promise<Exchange> {
  const { timeoutMs, head, halfClose } = options;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let error: string | undefined;
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      error = 'timeout';
      socket.destroy();
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error ??= e.code ?? e.message;
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ ...parseAnswers(Buffer.concat(chunks), head), error });
    });
    socket.write(bytes, () => {
      if (halfClose) socket.end();
    });
  });
}

/** Splits what the server sent into answers (Content-Length, chunked, or to the end of the connection). */
export function parseAnswers(data: Buffer, head = false): { answers: RawAnswer[]; trailing: Buffer } {
  const answers: RawAnswer[] = [];
  let at = 0;
  while (at < data.length) {
    const end = data.indexOf('\r\n\r\n', at, 'latin1');
    if (end < 0) break;
    const lines = data.subarray(at, end).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1]);
    if (!Number.isInteger(status)) break;
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    }
    const start = end + 4;
    let body: Buffer;
    let next: number;
    if (head || status === 204 || status === 304 || (status >= 100 && status < 200)) {
      body = Buffer.alloc(0);
      next = start;
    } else if (headers['transfer-encoding']?.toLowerCase().includes('chunked')) {
      const decoded = dechunk(data, start);
      if (!decoded) break;
      ({ body, next } = decoded);
    } else if (headers['content-length'] !== undefined) {
      const length = Number(headers['content-length']);
      if (!Number.isSafeInteger(length) || start + length > data.length) break;
      body = data.subarray(start, start + length);
      next = start + length;
    } else {
      body = data.subarray(start);
      next = data.length;
    }
    // An interim answer (100 Continue) precedes the real one on the same request.
    if (status >= 200) answers.push({ status, headers, body });
    at = next;
  }
  return { answers, trailing: data.subarray(at) };
}

function dechunk(data: Buffer, from: number): { body: Buffer; next: number } | undefined {
  const parts: Buffer[] = [];
  let at = from;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at, 'latin1');
    if (lineEnd < 0) return undefined;
    const size = Number.parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (!Number.isInteger(size) || size < 0) return undefined;
    at = lineEnd + 2;
    if (size === 0) {
      const trailerEnd = data.indexOf('\r\n', at, 'latin1');
      return trailerEnd < 0 ? undefined : { body: Buffer.concat(parts), next: trailerEnd + 2 };
    }
    if (at + size + 2 > data.length) return undefined;
    parts.push(data.subarray(at, at + size));
    at += size + 2;
  }
}
