/**
 * The `Idempotency-Key` stage (draft-ietf-httpapi-idempotency-key-header) for `POST /mcp` and the create operations.
 * Mount it on the route, after authentication and validation; the organisation comes from the authenticated
 * principal (`res.locals.principal.orgId`), so keys are scoped per organisation, and the calling API key is part of
 * the request hash.
 *
 * - No key: the handler runs as usual.
 * - A key that is not 1..255 visible ASCII characters: `400 invalid_request`.
 * - A final response stored for the key within `ttlMs` (24 h): the same request (operation + canonical body) gets it
 *   again, same status and body, with `Idempotent-Replayed: true`; another request gets `409 already_exists`.
 * - Otherwise the handler runs and its response is stored when final (see `isReplayable`: never 5xx or 429).
 * - A duplicate that arrives while the first is still running, on this instance or another sharing the database,
 *   waits for it, then is answered as above (reservation.ts: a pending record inserted if absent, in the store).
 */
import type { Request, RequestHandler, Response } from 'express';
import type { Principal } from '../auth/principal.js';
import { type Clock, systemClock } from '../clock.js';
import { ApiError } from '../http/errors.js';
import type { IdempotencyRow, Store } from '../store/types.js';
import type { ReplaySeal } from './replay-seal.js';
import { isReplayable, isValidIdempotencyKey, requestHash } from './request-hash.js';
import { type Reservation, type ReservationStore, reserve } from './reservation.js';

export const DEFAULT_IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_IDEMPOTENCY_LEASE_MS = 2 * 60 * 1000;

export interface IdempotencyOptions {
  store: ReservationStore;
  /** Names the operation in the hash, so one key cannot replay another operation's response (e.g. `invokeTool`). */
  operation: string;
  ttlMs?: number;
  /**
   * How long a reservation holds before a duplicate may take it over (its holder died mid-request); longer than any
   * request runs. Default 2 minutes.
   */
  leaseMs?: number;
  clock?: Clock;
  /** The caller's organisation; defaults to the authenticated principal's. */
  orgIdOf?: (res: Response) => string;
  /**
   * Who is calling within the organisation; part of the hash, so another API key reusing a key gets 409, never a
   * replay of a response its own role or MCP scope might not allow. Defaults to the principal's API key id.
   */
  callerOf?: (res: Response) => string;
  /**
   * Seals stored response bodies at rest, for operations whose response carries a secret shown once (a new API key):
   * the replay must return it again, so it cannot be hashed, but it must never be readable from the database. Given
   * the request and the record (organisation and Idempotency-Key), it returns the seal for this caller (see
   * replay-seal.ts: a key derived from the caller's own API key). It is opened only for the same request from the same
   * API key; a sealed body that does not open (sealed by an older version) counts as not stored.
   */
  seal?: (req: Request, record: string) => ReplaySeal;
}

function principalOf(res: Response): Principal {
  const principal = res.locals.principal as Principal | undefined;
  if (!principal) throw new Error('the idempotency stage runs after authentication');
  return principal;
}
const principalOrgId = (res: Response) => principalOf(res).orgId;
const principalKeyId = (res: Response) => (principalOf(res) as Partial<Principal>).key?.id ?? '';

/** Collects what the handler (or the error handler) writes, to store it once the response has finished. */
function captureBody(res: Response): () => string {
  const chunks: Buffer[] = [];
  const collect = (chunk: unknown, encoding: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    chunks.push(
      Buffer.isBuffer(chunk)
        ? chunk
        : Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'),
    );
  };
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.write = ((...args: unknown[]) => {
    collect(args[0], args[1]);
    return write(...args);
  }) as Response['write'];
  res.end = ((...args: unknown[]) => {
    collect(args[0], args[1]);
    return end(...args);
  }) as Response['end'];
  return () => Buffer.concat(chunks).toString('utf8');
}

/**
 * @example
 * router.post('/mcp', idempotency({ store, operation: 'invokeTool' }), invokeHandler);
 */
export function idempotency(options: IdempotencyOptions): RequestHandler {
  const ttlMs = options.ttlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS;
  const leaseMs = options.leaseMs ?? DEFAULT_IDEMPOTENCY_LEASE_MS;
  const clock = options.clock ?? systemClock;
  const orgIdOf = options.orgIdOf ?? principalOrgId;
  const callerOf = options.callerOf ?? principalKeyId;
  const inFlight = new Map<string, Promise<void>>();

  return async function idempotencyStage(req: Request, res: Response, next): Promise<void> {
    const key = req.get('Idempotency-Key');
    if (key === undefined) return next();
    if (!isValidIdempotencyKey(key)) {
      throw new ApiError('invalid_request', 'Idempotency-Key must be 1 to 255 visible ASCII characters', {
        'Idempotency-Key': 'must be 1 to 255 visible ASCII characters',
      });
    }
    const orgId = orgIdOf(res);
    const hash = requestHash(`${options.operation}\n${callerOf(res)}`, req.body);
    const slot = `${orgId}\n${key}`;
    // Duplicates within this process wait here without touching the store; across processes, reserve() waits.
    for (let running = inFlight.get(slot); running; running = inFlight.get(slot)) await running;
    // No await between the loop and here: this request now owns the slot until its response is stored.
    let release!: () => void;
    inFlight.set(slot, new Promise<void>((resolve) => (release = resolve)));
    const done = () => {
      inFlight.delete(slot);
      release();
    };

    const seal = options.seal?.(req, `${orgId}\n${key}`);
    // Opened only for the same request from the same API key (the hash names it); a body that does not open (sealed
    // by an older version) counts as not stored.
    let replay: string | undefined;
    const usable = (row: IdempotencyRow) => {
      try {
        replay = seal ? seal.open(row.body) : row.body;
        return true;
      } catch {
        return false;
      }
    };
    let gone = false;
    res.once('close', () => (gone = true));
    let reservation: Reservation;
    try {
      reservation = await reserve({
        store: options.store,
        clock,
        orgId,
        key,
        requestHash: hash,
        ttlMs,
        leaseMs,
        usable,
        gone: () => gone,
      });
    } catch (error) {
      done();
      throw error;
    }
    res.setHeader('Idempotency-Key', key);
    if (reservation.kind !== 'run') {
      done();
      if (reservation.kind === 'abandoned') return;
      if (reservation.row.requestHash !== hash) {
        throw new ApiError('already_exists', 'This Idempotency-Key was already used with a different request', {
          'Idempotency-Key': 'was already used with a different request',
        });
      }
      res.status(reservation.row.status).setHeader('Idempotent-Replayed', 'true');
      res.type('application/json').send(replay);
      return;
    }

    const { token } = reservation;
    const body = captureBody(res);
    let settled = false;
    const settle = async (finished: boolean) => {
      if (settled) return;
      settled = true;
      try {
        if (finished && isReplayable(res.statusCode)) {
          const row = {
            orgId,
            key,
            requestHash: hash,
            status: res.statusCode,
            body: seal ? seal.seal(body()) : body(),
            createdAt: clock().toISOString(),
          };
          await options.store.completeIdempotency(row, token);
        } else {
          await options.store.releaseIdempotency(orgId, key, token);
        }
      } catch {
        // Not stored: the reservation lapses after the lease, and a retry then runs the operation again, which is
        // what it would do without a key.
      } finally {
        done();
      }
    };
    res.once('finish', () => void settle(true));
    res.once('close', () => void settle(res.writableFinished));
    next();
  };
}

/** Deletes records older than the replay window (run it now and then, e.g. with the health round). */
export function pruneIdempotency(
  store: Pick<Store, 'deleteIdempotencyBefore'>,
  now: Date,
  ttlMs = DEFAULT_IDEMPOTENCY_TTL_MS,
): Promise<number> {
  return store.deleteIdempotencyBefore(new Date(now.getTime() - ttlMs).toISOString());
}
