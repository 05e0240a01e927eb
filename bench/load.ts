/**
 * Load generation: autocannon for HTTP subjects and a closed loop for in-process ones (an SDK client, the store), both
 * answering the same `LoadResult`, and `alternate`, which interleaves baseline and subject rounds and keeps medians.
 */

import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { latencySummary, median } from './stats.js';

export interface LoadResult {
  /** Successful (2xx, or resolved) operations in the round. */
  ok: number;
  /** Operations per second that succeeded. */
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Non-2xx responses, transport errors and timeouts (or rejected operations). */
  failed: number;
}

export interface HttpLoad {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

/**
 * One autocannon run of `options.duration` seconds; latencies are taken per response (float ms), 2xx only, because
 * autocannon's own histogram rounds to whole milliseconds.
 */
export async function autocannonLoad(options: autocannon.Options & { duration: number }): Promise<LoadResult> {
  const samples: number[] = [];
  let instance: autocannon.Instance | undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon({ timeout: 30, ...options }, (error, result) => (error ? reject(error) : resolve(result)));
  });
  instance?.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode >= 200 && statusCode < 300) samples.push(responseTime);
  });
  const result = await finished;
  const seconds = result.duration > 0 ? result.duration : options.duration;
  return {
    ok: samples.length,
    perSecond: samples.length / seconds,
    ...latencySummary(samples),
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

/** `durationS` of autocannon against one request. */
export function httpLoad(request: HttpLoad, options: { durationS: number; connections: number }): Promise<LoadResult> {
  return autocannonLoad({
    url: request.url,
    method: request.method ?? 'GET',
    headers: request.headers ?? {},
    ...(request.body !== undefined ? { body: request.body } : {}),
    connections: options.connections,
    duration: options.durationS,
  });
}

/** `concurrency` loops each awaiting `operation` back to back for `durationS` seconds. */
export async function closedLoop(
  operation: () => Promise<unknown>,
  options: { durationS: number; concurrency: number; maxOperations?: number },
): Promise<LoadResult> {
  const samples: number[] = [];
  let failed = 0;
  let started = 0;
  const start = performance.now();
  const deadline = start + options.durationS * 1000;
  const max = options.maxOperations ?? Number.POSITIVE_INFINITY;
  const worker = async () => {
    while (performance.now() < deadline && started < max) {
      started += 1;
      const t0 = performance.now();
      try {
        await operation();
        samples.push(performance.now() - t0);
      } catch {
        failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - start) / 1000;
  return { ok: samples.length, perSecond: samples.length / seconds, ...latencySummary(samples), failed };
}

export interface Subject {
  name: string;
  run(durationS: number): Promise<LoadResult>;
}

export interface AlternatedResult {
  /** The median of each figure across rounds. */
  median: LoadResult;
  rounds: LoadResult[];
}

/**
 * Warms every subject up once, then runs `rounds` rounds of all subjects in order (baseline first), so a noisy
 * neighbour or a thermal change affects every subject alike; reports per-figure medians.
 */
export async function alternate(
  subjects: readonly Subject[],
  options: { rounds: number; durationS: number; warmupS: number },
  log: (line: string) => void = () => {},
): Promise<Record<string, AlternatedResult>> {
  for (const subject of subjects) await subject.run(options.warmupS);
  const rounds = new Map<string, LoadResult[]>(subjects.map((s) => [s.name, []]));
  for (let round = 1; round <= options.rounds; round += 1) {
    for (const subject of subjects) {
      const result = await subject.run(options.durationS);
      rounds.get(subject.name)?.push(result);
      log(
        `  round ${round}/${options.rounds} ${subject.name}: ${result.perSecond.toFixed(0)}/s p50 ${result.p50Ms.toFixed(2)} ms p99 ${result.p99Ms.toFixed(2)} ms${result.failed ? ` failed ${result.failed}` : ''}`,
      );
    }
  }
  const out: Record<string, AlternatedResult> = {};
  for (const [name, results] of rounds) {
    out[name] = {
      median: {
        ok: median(results.map((r) => r.ok)),
        perSecond: median(results.map((r) => r.perSecond)),
        p50Ms: median(results.map((r) => r.p50Ms)),
        p99Ms: median(results.map((r) => r.p99Ms)),
        failed: median(results.map((r) => r.failed)),
      },
      rounds: results,
    };
  }
  return out;
}
