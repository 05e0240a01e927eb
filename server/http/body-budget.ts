/**
 * The bytes of request bodies the server holds at once. A body is read only once its size (its `Content-Length`, or
 * the per-request limit when it is chunked) fits in the budget; otherwise the request waits, unread, for bodies in
 * flight to finish, and after `maxWaitMs` is refused. Memory then grows with the budget, not with the number of
 * clients sending large bodies at the same time.
 */

export interface BodyBudget {
  /** Resolves with a release function once `bytes` fit, or undefined when `maxWaitMs` passed or `abort` fired. */
  reserve(bytes: number, abort: AbortSignal): Promise<(() => void) | undefined>;
  /** Bytes reserved now. */
  inFlight(): number;
  readonly maxBytes: number;
}

interface Waiter {
  bytes: number;
  grant(release: (() => void) | undefined): void;
}

export function createBodyBudget(maxBytes: number, maxWaitMs: number): BodyBudget {
  let reserved = 0;
  const queue: Waiter[] = [];

  const take = (bytes: number): (() => void) => {
    reserved += bytes;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      reserved -= bytes;
      // First come, first served: a large body at the head is not overtaken by a stream of small ones.
      while (queue.length > 0 && reserved + (queue[0]?.bytes ?? 0) <= maxBytes) {
        const next = queue.shift();
        next?.grant(take(next.bytes));
      }
    };
  };

  return {
    maxBytes,
    inFlight: () => reserved,
    reserve(bytes, abort) {
      if (queue.length === 0 && reserved + bytes <= maxBytes) return Promise.resolve(take(bytes));
      return new Promise((resolve) => {
        const waiter: Waiter = {
          bytes,
          grant: (release) => {
            clearTimeout(timer);
            abort.removeEventListener('abort', giveUp);
            resolve(release);
          },
        };
        const giveUp = () => {
          const at = queue.indexOf(waiter);
          if (at >= 0) queue.splice(at, 1);
          waiter.grant(undefined);
        };
        const timer = setTimeout(giveUp, maxWaitMs);
        abort.addEventListener('abort', giveUp, { once: true });
        queue.push(waiter);
      });
    },
  };
}
