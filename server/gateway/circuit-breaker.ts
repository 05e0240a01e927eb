/**
 * One circuit breaker per upstream MCP, so a dead upstream costs callers nothing but an immediate 502 instead of a
 * connect timeout each. Closed → (5 consecutive failures) → open for a backoff of 1 s, doubling up to 60 s →
 * half-open: exactly one trial call; its success closes the circuit, its failure opens it again with a longer backoff.
 * Only failures to reach the upstream count (unreachable, timeout); an upstream that answers, even with an error or an
 * `isError` result, is alive.
 */

import { type Clock, systemClock } from '../clock.js';
import { ApiError } from '../http/errors.js';

export interface CircuitBreakerOptions {
  failureThreshold?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  clock?: Clock;
}

export type CircuitState = 'closed' | 'open' | 'half-open';

interface Circuit {
  failures: number;
  state: CircuitState;
  openUntil: number;
  backoffMs: number;
  trialInFlight: boolean;
}

/** What a caller holds while its call runs; exactly one of the methods must be called when it ends. */
export interface CircuitPermit {
  success(): void;
  failure(): void;
  /** The call ended without a verdict on the upstream (the caller cancelled it). */
  release(): void;
}

export interface CircuitBreaker {
  /** Throws `ApiError('mcp_unreachable')` with `Retry-After` while the circuit is open. */
  acquire(mcpId: string): CircuitPermit;
  state(mcpId: string): CircuitState;
  forget(mcpId: string): void;
}

export function createCircuitBreaker(options: CircuitBreakerOptions = {}): CircuitBreaker {
  const threshold = options.failureThreshold ?? 5;
  const initialBackoff = options.initialBackoffMs ?? 1_000;
  const maxBackoff = options.maxBackoffMs ?? 60_000;
  const clock = options.clock ?? systemClock;
  const circuits = new Map<string, Circuit>();

  function circuitOf(mcpId: string): Circuit {
    let circuit = circuits.get(mcpId);
    if (!circuit) {
      circuit = { failures: 0, state: 'closed', openUntil: 0, backoffMs: initialBackoff, trialInFlight: false };
      circuits.set(mcpId, circuit);
    }
    return circuit;
  }

  function open(circuit: Circuit, backoffMs: number): void {
    circuit.state = 'open';
    circuit.backoffMs = Math.min(backoffMs, maxBackoff);
    circuit.openUntil = clock().getTime() + circuit.backoffMs;
    circuit.trialInFlight = false;
  }

  function reject(waitMs: number): never {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    throw new ApiError(
      'mcp_unreachable',
      `Could not connect to MCP server: it failed repeatedly, so calls are paused for ${seconds} s`,
      { circuit: 'open', retry_after_seconds: seconds },
      { 'Retry-After': String(seconds) },
    );
  }

  return {
    acquire(mcpId) {
      const circuit = circuitOf(mcpId);
      if (circuit.state === 'open') {
        const wait = circuit.openUntil - clock().getTime();
        if (wait > 0) reject(wait);
        circuit.state = 'half-open';
      }
      const isTrial = circuit.state === 'half-open';
      if (isTrial) {
        if (circuit.trialInFlight) reject(circuit.backoffMs);
        circuit.trialInFlight = true;
      }
      let done = false;
      const settle = (verdict: 'success' | 'failure' | 'none') => {
        if (done) return;
        done = true;
        if (isTrial) circuit.trialInFlight = false;
        if (verdict === 'success') {
          circuit.state = 'closed';
          circuit.failures = 0;
          circuit.backoffMs = initialBackoff;
        } else if (verdict === 'failure') {
          if (circuit.state === 'half-open') open(circuit, circuit.backoffMs * 2);
          else if (circuit.state === 'closed' && ++circuit.failures >= threshold) open(circuit, initialBackoff);
        }
      };
      return {
        success: () => settle('success'),
        failure: () => settle('failure'),
        release: () => settle('none'),
      };
    },
    state(mcpId) {
      const circuit = circuits.get(mcpId);
      if (!circuit) return 'closed';
      if (circuit.state === 'open' && clock().getTime() >= circuit.openUntil) return 'half-open';
      return circuit.state;
    },
    forget(mcpId) {
      circuits.delete(mcpId);
    },
  };
}
