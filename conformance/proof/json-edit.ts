/** Small edits to JSON response bodies for faults: parse, change, serialise; bodies that are not JSON are left alone. */
import type { ProxyResponse } from './fault-proxy.js';

export type JsonBody = Record<string, unknown> & {
  success?: boolean;
  data?: unknown;
  error?: { code?: string; details?: Record<string, unknown> };
  pagination?: Record<string, number>;
};

/** `edit` changes the parsed body in place. */
export function editJson(res: ProxyResponse, edit: (body: JsonBody) => void): ProxyResponse {
  let body: JsonBody;
  try {
    body = JSON.parse(res.body) as JsonBody;
  } catch {
    return res;
  }
  edit(body);
  res.body = JSON.stringify(body);
  return res;
}

export function codeOf(res: ProxyResponse): string | undefined {
  try {
    return (JSON.parse(res.body) as JsonBody).error?.code;
  } catch {
    return undefined;
  }
}

/** A response replaced wholesale by another status and envelope, keeping the request id. */
export function replaceWith(res: ProxyResponse, status: number, body: unknown): ProxyResponse {
  return {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      ...(res.headers['x-request-id'] ? { 'x-request-id': res.headers['x-request-id'] } : {}),
    },
    body: JSON.stringify(body),
  };
}

export const fakeSuccess = { success: true, data: {} };

export function errorBody(code: string, message = 'injected by the fault proxy'): unknown {
  return { success: false, error: { code, message } };
}

export function queryOf(url: string): URLSearchParams {
  return new URL(url, 'http://proxy.invalid').searchParams;
}

export function pathOf(url: string): string {
  return new URL(url, 'http://proxy.invalid').pathname;
}
