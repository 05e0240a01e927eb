/**
 * Rate-limit headers as the contract documents them: `RateLimit-Policy: "default";q=100;w=1` and
 * `RateLimit: "default";r=97;t=1` (draft-ietf-httpapi-ratelimit-headers-10, Structured Field lists), plus the
 * X-RateLimit-* trio.
 */
import type { Reply } from '../http/session.js';

export interface RateHeaders {
  policyQuota?: number;
  policyWindow?: number;
  remaining?: number;
  resetSeconds?: number;
  xLimit?: number;
  xRemaining?: number;
  xReset?: number;
}

/** Reads `key=value` parameters of the first list member of a structured field. */
export function structuredParams(value: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  if (!value) return out;
  const first = value.split(',')[0] ?? '';
  for (const param of first.split(';').slice(1)) {
    const [k, v] = param.split('=').map((s) => s.trim());
    if (k && v && /^-?\d+$/.test(v)) out[k] = Number(v);
  }
  return out;
}

function int(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+$/.test(value.trim()) ? Number(value) : undefined;
}

export function readRateHeaders(reply: Reply): RateHeaders {
  const policy = structuredParams(reply.headers['ratelimit-policy']);
  const current = structuredParams(reply.headers.ratelimit);
  const out: RateHeaders = {};
  const set = <K extends keyof RateHeaders>(k: K, v: number | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  set('policyQuota', policy.q);
  set('policyWindow', policy.w);
  set('remaining', current.r);
  set('resetSeconds', current.t);
  set('xLimit', int(reply.headers['x-ratelimit-limit']));
  set('xRemaining', int(reply.headers['x-ratelimit-remaining']));
  set('xReset', int(reply.headers['x-ratelimit-reset']));
  return out;
}

/** Whether the response advertises any rate-limit header at all (self-hosted deployments may not). */
export function advertisesRateLimit(reply: Reply): boolean {
  return ['ratelimit-policy', 'ratelimit', 'x-ratelimit-limit', 'x-ratelimit-remaining'].some(
    (h) => h in reply.headers,
  );
}
