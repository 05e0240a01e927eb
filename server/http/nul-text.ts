/**
 * U+0000 (NUL) in request text is refused (openapi.yaml "Limits on JSON values"): PostgreSQL's text type cannot hold
 * it, so the same request must not be stored by one deployment and fail on another. Both checks work on the raw
 * request, before anything parses or stores it: `%00` in the URL (path or query), and a `\u0000` escape in a JSON
 * text (a raw NUL byte is not valid JSON at all, RFC 8259 §7).
 */
import { ApiError } from './errors.js';

const NUL_DETAIL = { text: 'must not contain U+0000 (NUL)' };

/** Throws `400 invalid_request` when the request target holds an encoded NUL. */
export function refuseNulInUrl(url: string): void {
  if (/%00/.test(url)) throw new ApiError('invalid_request', 'The request URL contains U+0000 (%00)', NUL_DETAIL);
}

const ESCAPE = Buffer.from('\\u0000');
const BACKSLASH = 0x5c;

/** True when a JSON text has a `\u0000` escape (not an escaped backslash followed by the letters `u0000`). */
export function hasNulEscape(json: Uint8Array): boolean {
  const text = Buffer.from(json.buffer, json.byteOffset, json.byteLength);
  for (let at = text.indexOf(ESCAPE); at !== -1; at = text.indexOf(ESCAPE, at + 1)) {
    let backslashes = 1;
    while (at - backslashes >= 0 && text[at - backslashes] === BACKSLASH) backslashes++;
    // An odd run of backslashes ending here makes this one an escape of its own.
    if (backslashes % 2 === 1) return true;
  }
  return false;
}

export function nulInBodyError(): ApiError {
  return new ApiError('invalid_request', 'The request body contains U+0000 (\\u0000)', NUL_DETAIL);
}
