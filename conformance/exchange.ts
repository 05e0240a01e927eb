/**
 * The evidence the suite records: each HTTP round trip (`Exchange`, secrets already redacted) and each finding a check
 * makes from them. Plain data, with no dependency on the checks or the runner.
 */
import type { Citation } from './citation.js';

/** A request as recorded, with secrets already redacted. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The body (redacted, truncated for very large bodies). */
  body?: string;
  /** The body's full size in bytes. */
  bodySize: number;
}

/** A response as recorded, with secrets already redacted. */
export interface RecordedResponse {
  status: number;
  statusText: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
  bodySize: number;
}

/** One HTTP round trip the suite made. */
export interface Exchange {
  seq: number;
  /** The check (or `preflight`, `cleanup`) that made the request. */
  tag: string;
  startedAt: string;
  durationMs: number;
  request: RecordedRequest;
  response?: RecordedResponse;
  /** Set when no response arrived (connection refused, reset, timeout). */
  networkError?: string;
  /**
   * Set when the first attempt's connection closed before any answer and the request (idempotent, without a body) was
   * sent again: what the first attempt failed with.
   */
  resentAfter?: string;
}

/** A failed or inconclusive expectation, with the exchange that showed it. */
export interface Finding {
  severity: 'fail' | 'warn';
  /**
   * What kind of fault this is, as a short stable tag (for example `undeclared-field`, `secret-shaped`,
   * `list-total`), so that tooling and the suite's own proof can tell one finding from another.
   */
  kind?: string;
  message: string;
  /** What the contract documents, and where (for example `401 unauthorized`, section "Authentication"). */
  documented?: Citation;
  exchange?: Exchange;
  /** A command that sends the request again (`curl …`, the API key as `$PLEXMCP_API_KEY`), for generated inputs. */
  reproduce?: string;
}
