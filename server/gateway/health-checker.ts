/**
 * Periodic health of every registered MCP: a probe (initialise or reuse the session, list tools and resources) per MCP
 * per round. An MCP is marked unhealthy after 3 consecutive failed probes, so one dropped connection does not flap it,
 * and healthy again on the next success; each success also refreshes the cached tool catalogue.
 */

import { type Clock, systemClock } from '../clock.js';
import type { Tool } from '../store/types.js';
import type { Gateway, UpstreamTarget } from './types.js';

export interface HealthCheckerOptions {
  gateway: Pick<Gateway, 'probe'>;
  /** The MCPs to check this round (for example every active MCP of every organisation). */
  listTargets: () => Promise<Array<{ target: UpstreamTarget }>>;
  /**
   * Called with a verdict: `healthy` true after every successful probe (with the upstream's tools), false after the
   * third and every further consecutive failure. Failures below the threshold leave the MCP's health as it was.
   */
  onResult: (mcpId: string, healthy: boolean, at: string, tools?: Tool[]) => Promise<void>;
  intervalMs: number;
  clock?: Clock;
  failureThreshold?: number;
  probeTimeoutMs?: number;
  /** How many MCPs are probed at once. */
  concurrency?: number;
  /** Failures of listTargets or onResult (the checker carries on). */
  onError?: (error: unknown) => void;
}

export interface HealthChecker {
  start(): void;
  /** Stops the timer and waits for a round in progress. */
  stop(): Promise<void>;
  /** Runs one round now (what the timer runs); resolves when every MCP of the round has its verdict. */
  runOnce(): Promise<void>;
}

export function createHealthChecker(options: HealthCheckerOptions): HealthChecker {
  const clock = options.clock ?? systemClock;
  const threshold = options.failureThreshold ?? 3;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const onError = options.onError ?? (() => undefined);
  const failures = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> | undefined;

  async function check(target: UpstreamTarget): Promise<void> {
    try {
      const probe = await options.gateway.probe(target, { timeoutMs: options.probeTimeoutMs });
      failures.set(target.id, 0);
      await options.onResult(target.id, true, clock().toISOString(), probe.tools).catch(onError);
    } catch {
      const count = (failures.get(target.id) ?? 0) + 1;
      failures.set(target.id, count);
      if (count >= threshold) await options.onResult(target.id, false, clock().toISOString()).catch(onError);
    }
  }

  async function runRound(): Promise<void> {
    let targets: UpstreamTarget[];
    try {
      targets = (await options.listTargets()).map((entry) => entry.target);
    } catch (error) {
      onError(error);
      return;
    }
    const listed = new Set(targets.map((target) => target.id));
    for (const id of failures.keys()) if (!listed.has(id)) failures.delete(id);
    const queue = [...targets];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await check(next);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  }

  function runOnce(): Promise<void> {
    // Rounds never overlap: a slow round makes the next tick wait for it instead of probing twice.
    round ??= runRound().finally(() => {
      round = undefined;
    });
    return round;
  }

  return {
    start() {
      if (timer) return;
      void runOnce();
      timer = setInterval(() => void runOnce(), options.intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await round;
    },
    runOnce,
  };
}
