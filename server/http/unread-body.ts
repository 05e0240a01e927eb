/**
 * Answering before the request body has been read (a missing key, an unknown route, a body too large to accept).
 * Node would otherwise read and discard the whole body to keep the connection alive for the next request, so a client
 * without a key could still make the server take in any number of bytes. Instead the answer says `Connection: close`
 * and the connection is closed in stages, as RFC 9112 §9.6 recommends: the answer is sent, the server half-closes
 * (its FIN follows the answer), and then reads and discards what the client is still sending, until the client
 * closes its side, its body has arrived, or a time or byte bound is reached. Closing at once would leave the client's
 * unread bytes in the server's receive buffer, and the reset the server's TCP stack then sends can erase the answer
 * from the client's buffers before the client reads it. Discarded bytes are never held, so memory stays flat however
 * many clients are refused at once.
 */
import type { Socket } from 'node:net';
import type { Request, Response } from 'express';

/** The longest a refused connection lingers after its answer (openapi.yaml, info.description "Connections"). */
export const LINGER_MS = 5_000;
/** The most bytes read and discarded from a refused connection after its answer (same section). */
export const LINGER_MAX_BYTES = 16 * 1024 * 1024;
/**
 * Refused connections lingering at once, per process (same section). Draining costs the server reading bytes it
 * throws away; past this many, a refused connection closes at once, so a flood of refused uploads cannot make the
 * server spend its time reading them.
 */
export const MAX_LINGERING = 32;

let lingering = 0;

/** True when the request has a body at all (RFC 9112 §6.3: Transfer-Encoding or a non-zero Content-Length). */
export function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Marks the response to close the connection when the request's body has not been read to its end, and makes that
 * close a lingering one.
 */
export function closeIfBodyUnread(req: Request, res: Response): void {
  if (!hasBody(req) || req.complete || res.headersSent) return;
  res.setHeader('Connection', 'close');
  if (lingering < MAX_LINGERING) lingerOnClose(req, req.socket);
}

/**
 * Node ends a `Connection: close` response by calling the socket's `destroySoon` (end, then destroy once the answer
 * is flushed). For this one socket, the destroy waits for the lingering drain instead.
 */
function lingerOnClose(req: Request, socket: Socket): void {
  lingering += 1;
  let counted = true;
  const uncount = () => {
    if (counted) lingering -= 1;
    counted = false;
  };
  // Counted from the answer on, until the socket is gone (also when the response never finishes).
  socket.once('close', uncount);
  socket.destroySoon = function lingeringClose(this: Socket) {
    let drained = 0;
    let done = false;
    const destroy = () => {
      done = true;
      clearTimeout(timer);
      uncount();
      this.destroy();
    };
    // Once nothing more is to be drained, the socket closes as soon as the answer has been flushed to it.
    const finish = () => {
      if (done) return;
      done = true;
      if (this.writableFinished) destroy();
      else this.once('finish', destroy);
    };
    const timer = setTimeout(destroy, LINGER_MS);
    timer.unref();
    // Node has already dumped the request (its body is read and discarded as it arrives); count what passes.
    req.on('data', (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > LINGER_MAX_BYTES) destroy();
    });
    // The body has fully arrived, or the client closed its side: nothing is left to reset the answer.
    req.once('end', finish);
    this.once('end', finish);
    this.once('close', destroy);
    this.once('error', destroy);
    if (this.writable) this.end();
    if (req.complete) finish();
    else req.resume();
    return this;
  };
}
