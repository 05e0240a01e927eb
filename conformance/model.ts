/**
 * The conformance suite's vocabulary: checks, their results and the evidence a failure carries.
 * Modelled on Schemathesis: every check is a small named function with a stable id, and every failure says what was
 * sent, what came back and what the contract documents.
 */
import type { Citation } from './citation.js';
import type { CheckContext } from './context.js';
import type { Exchange, Finding } from './exchange.js';

export type { Exchange, Finding, RecordedRequest, RecordedResponse } from './exchange.js';

/** pass: the deployment does what the contract demands; warn: inconclusive or a should-level lapse; skip: not run. */
export type Outcome = 'pass' | 'fail' | 'warn' | 'skip';

export interface CheckResult {
  id: string;
  title: string;
  requirement: Citation;
  outcome: Outcome;
  /** Why a check was skipped, or a one-line summary. */
  reason?: string;
  findings: Finding[];
  notes: string[];
  /**
   * What the check verified: `count` subjects (items, operations, responses…) described by `what`. A check that
   * verified nothing is a skip, never a pass.
   */
  verified: { count: number; what: string[] };
  durationMs: number;
  exchangeCount: number;
}

/** What a check needs beyond a base URL and an API key; the runner skips it, with the reason, when absent. */
export interface CheckNeeds {
  writes?: boolean;
  otherOrgApiKey?: boolean;
  invocation?: boolean;
  rateLimit?: boolean;
}

export interface Check {
  /** Stable id: `AREA-NNN`. Never reused for a different check. */
  id: string;
  title: string;
  /** What the contract demands, and where openapi.yaml states it. */
  requirement: Citation;
  needs?: CheckNeeds;
  run(ctx: CheckContext): Promise<void>;
}

export interface RunCounts {
  pass: number;
  fail: number;
  warn: number;
  skip: number;
}

export interface RunReport {
  baseUrl: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  runPrefix: string;
  results: CheckResult[];
  counts: RunCounts;
  /** Whether warn and skip fail the run (`--strict`). */
  strict: boolean;
  /** The slowest response a run accepts (`--max-response-time`), or null when unbounded. */
  maxResponseTimeMs: number | null;
  /** The seed of the generated inputs (`--seed`): the same seed generates the same requests. */
  seed: number;
  /** Generated examples per operation and polarity (`--max-examples`). */
  maxExamples: number;
  /** Resources the run could not remove, with why. */
  cleanupErrors: string[];
  exchanges: Exchange[];
}

/** Receives progress as the run goes; every method is optional. */
export interface Reporter {
  onStart?(info: { baseUrl: string; total: number; runPrefix: string; seed: number; maxExamples: number }): void;
  onCheckStart?(check: Check): void;
  onCheckEnd?(result: CheckResult): void;
  onEnd?(report: RunReport): void | Promise<void>;
}
