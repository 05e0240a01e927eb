/**
 * Answering before the request body has been read (a missing key, an unknown route, a body too large to accept).
 * Node would otherwise read and discard the whole body to keep the connection alive for the next request, so a client
 * without a key could still make the server take in gigabytes. Instead the answer says `Connection: close`
 * (RFC 9112 §9.6) and Node closes the connection once it is sent, reading no more than what already arrived.
 */
import type { Request, Response } from 'express';

/** True when the request has a body at all (RFC 9112 §6.3: Transfer-Encoding or a non-zero Content-Length). */
export function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Marks the response to close the connection when the request's body has not been read to its end. */
export function closeIfBodyUnread(req: Request, res: Response): void {
  if (hasBody(req) && !req.complete && !res.headersSent) res.setHeader('Connection', 'close');
}
