/**
 * Taking an `Idempotency-Key` before its request runs, through the store, so that instances sharing one database run a
 * request once: the first to insert a pending reservation runs it; a duplicate that finds the reservation waits
 * until the response is stored (then it is replayed, per openapi.yaml "Idempotency") or the reservation is released
 * (a response not to replay: the duplicate runs, as a retry would). A reservation older than `leaseMs` belongs to an
 * instance that died mid-request (kill -9): the next duplicate takes it over.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../clock.js';
import { IDEMPOTENCY_PENDING, type IdempotencyRow, type Store } from '../store/types.js';

export type ReservationStore = Pick<
  Store,
  'getIdempotency' | 'claimIdempotency' | 'completeIdempotency' | 'releaseIdempotency'
>;

/** What the stage does with the key: run the request holding the reservation, or answer from a stored response. */
export type Reservation =
  | { kind: 'run'; token: string }
  | { kind: 'stored'; row: IdempotencyRow }
  /** The caller went away while waiting. */
  | { kind: 'abandoned' };

export interface ReserveOptions {
  store: ReservationStore;
  clock: Clock;
  orgId: string;
  key: string;
  requestHash: string;
  ttlMs: number;
  leaseMs: number;
  /** A stored final response that can be answered with (false: a sealed body this caller cannot open): take it over. */
  usable(row: IdempotencyRow): boolean;
  /** True once the caller has disconnected: stop waiting. */
  gone(): boolean;
}

const FIRST_POLL_MS = 10;
const MAX_POLL_MS = 200;

/** Reserves the key, or waits for the request holding it; see the module comment. */
export async function reserve(options: ReserveOptions): Promise<Reservation> {
  const { store, clock, orgId, key } = options;
  const token = `pending ${randomBytes(16).toString('hex')}`;
  let pollMs = FIRST_POLL_MS;
  for (;;) {
    if (options.gone()) return { kind: 'abandoned' };
    const stored = await store.getIdempotency(orgId, key);
    const now = clock().getTime();
    let replacing: IdempotencyRow | undefined;
    if (stored) {
      const age = now - Date.parse(stored.createdAt);
      const pending = stored.status === IDEMPOTENCY_PENDING;
      const live = pending ? age < options.leaseMs : age < options.ttlMs;
      if (live && (stored.requestHash !== options.requestHash || (!pending && options.usable(stored)))) {
        // Another request under this key (a conflict), or this one's final response (a replay).
        return { kind: 'stored', row: stored };
      }
      if (live && pending) {
        // Running elsewhere: wait for its response or its release.
        await sleep(pollMs);
        pollMs = Math.min(pollMs * 2, MAX_POLL_MS);
        continue;
      }
      replacing = stored;
    }
    const row: IdempotencyRow = {
      orgId,
      key,
      requestHash: options.requestHash,
      status: IDEMPOTENCY_PENDING,
      body: token,
      createdAt: new Date(now).toISOString(),
    };
    if (await store.claimIdempotency(row, replacing)) return { kind: 'run', token };
    // Another instance claimed it between the read and the claim: look again.
  }
}
