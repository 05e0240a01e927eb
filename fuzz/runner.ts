/**
 * A fuzz run: `requests` cases, each a function of the seed and its index only (so one case replays alone), sent
 * `concurrency` at a time, each judged by the oracle. Figures: answers by status, 5xx, answers in the envelope with
 * `X-Request-Id`, and every failure with its reproduction.
 */
import type { Contract } from '../contract/index.js';
import { framingCase } from './framing.js';
import { type FuzzTarget, httpCase, strayCase } from './http-cases.js';
import { judge } from './oracle.js';
import { caseRandom } from './random.js';
import { reproduction } from './repro.js';
import { exchange, type FuzzCase, toBytes } from './wire.js';

export interface RunOptions {
  seed: number;
  requests: number;
  concurrency: number;
  /** How long one exchange may take before it counts as no answer. */
  timeoutMs: number;
  /** Only this case index (a reproduction). */
  onlyCase?: number | undefined;
}

export interface Failure {
  index: number;
  problem: string;
  reproduction: string[];
}

export interface RunReport {
  seed: number;
  cases: number;
  durationMs: number;
  /** Status → answers. */
  byStatus: Record<string, number>;
  answers: number;
  /** Answers with status 500 or more, allowed gateway errors included. */
  serverErrors: number;
  /** Answers in the envelope with X-Request-Id (the documents' own media types included). */
  enveloped: number;
  /** Cases closed without an answer where that was right (no request in the bytes). */
  unanswered: number;
  failures: Failure[];
}

/** The case with this index for this seed. */
export function caseAt(contract: Contract, target: FuzzTarget, seed: number, index: number): FuzzCase {
  const random = caseRandom(seed, index);
  const roll = random.next();
  if (roll < 0.25) return framingCase(random, target.ownerKey);
  if (roll < 0.3) return strayCase(target, random);
  return httpCase(contract, random.pick(contract.operations), target, random);
}

export async function runFuzz(
  contract: Contract,
  target: FuzzTarget & { baseUrl: string },
  options: RunOptions,
): Promise<RunReport> {
  const { hostname, port } = new URL(target.baseUrl);
  const host = hostname.replace(/^\[|\]$/g, '');
  const report: RunReport = {
    seed: options.seed,
    cases: 0,
    durationMs: 0,
    byStatus: {},
    answers: 0,
    serverErrors: 0,
    enveloped: 0,
    unanswered: 0,
    failures: [],
  };
  const indices =
    options.onlyCase === undefined ? Array.from({ length: options.requests }, (_, i) => i) : [options.onlyCase];
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < indices.length) {
      const index = indices[next++] as number;
      const c = caseAt(contract, target, options.seed, index);
      const bytes = c.kind === 'http' ? toBytes(c, new URL(target.baseUrl).host) : c.bytes;
      const result = await exchange(host, Number(port || 80), bytes, {
        timeoutMs: options.timeoutMs,
        head: c.kind === 'http' && c.method === 'HEAD',
        halfClose: c.kind === 'raw' && c.halfClose,
      });
      const verdict = judge(contract, c, result);
      report.cases += 1;
      report.answers += verdict.statuses.length;
      report.enveloped += verdict.enveloped;
      if (verdict.statuses.length === 0 && !verdict.problem) report.unanswered += 1;
      for (const status of verdict.statuses) {
        report.byStatus[status] = (report.byStatus[status] ?? 0) + 1;
        if (status >= 500) report.serverErrors += 1;
      }
      if (verdict.problem) {
        report.failures.push({ index, problem: verdict.problem, reproduction: reproduction(c, bytes, target.baseUrl) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  report.durationMs = Math.round(performance.now() - started);
  report.failures.sort((a, b) => a.index - b.index);
  return report;
}
