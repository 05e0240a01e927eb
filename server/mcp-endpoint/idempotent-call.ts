/**
 * `Idempotency-Key` on a `tools/call` sent to the MCP endpoint (openapi.yaml "Idempotency", "MCP endpoint"): the same
 * key, tool and arguments from the same API key get the first call's final result again, marked
 * `_meta["plexmcp/idempotent-replayed"]: true`, without calling the upstream or recording usage again; the same key with
 * another call, or from another API key, is `409 already_exists` (as an `isError` result). Results that report a
 * `5xx` or `429` error are not stored, so the call can be retried. It shares the reservations of the REST stage
 * (reservation.ts), so a duplicate that arrives while the first is running, on any instance, waits for it.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import { ApiError, ERROR_CATALOGUE, type ErrorCode } from '../http/errors.js';
import { DEFAULT_IDEMPOTENCY_LEASE_MS, DEFAULT_IDEMPOTENCY_TTL_MS } from '../idempotency/idempotency.js';
import { isReplayable, isValidIdempotencyKey, requestHash } from '../idempotency/request-hash.js';
import { type ReservationStore, reserve } from '../idempotency/reservation.js';

export interface IdempotentCallDeps {
  store: ReservationStore;
  clock: Clock;
}

/** The `Idempotency-Key` header of the HTTP request that carried the call, if any. */
export function idempotencyKeyOf(headers: Record<string, string | string[] | undefined> | undefined) {
  const value = headers?.['idempotency-key'];
  return Array.isArray(value) ? value[0] : value;
}

/** The HTTP status the REST `invokeTool` would have answered with for this result (200 unless an error is attached). */
function statusOf(result: CallToolResult): number {
  const code = (result._meta?.['plexmcp/error'] as { code?: string } | undefined)?.code;
  return code && code in ERROR_CATALOGUE ? ERROR_CATALOGUE[code as ErrorCode].status : 200;
}

export async function idempotentCall(
  deps: IdempotentCallDeps,
  principal: Principal,
  key: string,
  call: { name: string; arguments: unknown },
  signal: AbortSignal,
  run: () => Promise<CallToolResult>,
): Promise<CallToolResult> {
  if (!isValidIdempotencyKey(key))
    throw new ApiError('invalid_request', 'Idempotency-Key must be 1 to 255 visible ASCII characters', {
      'Idempotency-Key': 'must be 1 to 255 visible ASCII characters',
    });
  const hash = requestHash(`sendMcpMessage tools/call\n${principal.key?.id ?? ''}`, call);
  const reservation = await reserve({
    store: deps.store,
    clock: deps.clock,
    orgId: principal.orgId,
    key,
    requestHash: hash,
    ttlMs: DEFAULT_IDEMPOTENCY_TTL_MS,
    leaseMs: DEFAULT_IDEMPOTENCY_LEASE_MS,
    usable: (row) => {
      try {
        JSON.parse(row.body);
        return true;
      } catch {
        return false;
      }
    },
    gone: () => signal.aborted,
  });
  if (reservation.kind === 'abandoned') throw new ApiError('request_timeout', 'The call was cancelled');
  if (reservation.kind === 'stored') {
    if (reservation.row.requestHash !== hash)
      throw new ApiError('already_exists', 'This Idempotency-Key was already used with a different request', {
        'Idempotency-Key': 'was already used with a different request',
      });
    const stored = JSON.parse(reservation.row.body) as CallToolResult;
    return { ...stored, _meta: { ...stored._meta, 'plexmcp/idempotent-replayed': true } };
  }
  const release = () => deps.store.releaseIdempotency(principal.orgId, key, reservation.token).catch(() => undefined);
  let result: CallToolResult;
  try {
    result = await run();
  } catch (error) {
    await release();
    throw error;
  }
  const status = statusOf(result);
  if (isReplayable(status))
    await deps.store
      .completeIdempotency(
        {
          orgId: principal.orgId,
          key,
          requestHash: hash,
          status,
          body: JSON.stringify(result),
          createdAt: deps.clock().toISOString(),
        },
        reservation.token,
      )
      // Not stored: the reservation lapses after its lease and a retry runs the call again.
      .catch(() => undefined);
  else await release();
  return result;
}
