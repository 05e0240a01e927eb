/**
 * Runs the selected checks one after another against one deployment, records every exchange, reports progress,
 * and always runs the cleanup registry at the end, whatever happened.
 */
import { createPlexMcpClient } from '../client/index.js';
import { checks as registry } from './checks/index.js';
import { CleanupRegistry } from './cleanup.js';
import { type ConformanceConfig, type ResolvedConfig, resolveConfig } from './config.js';
import { CheckContext, SkipSignal } from './context.js';
import { createRecorder } from './http/recorder.js';
import { createHttpSession } from './http/session.js';
import type { Check, CheckNeeds, CheckResult, Outcome, Reporter, RunReport } from './model.js';
import { Oracle } from './oracle/oracle.js';

/** The configuration names an unknown check, or is otherwise unusable. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The base URL did not answer at all (connection refused, DNS failure, timeout). */
export class TargetUnreachableError extends Error {
  override name = 'TargetUnreachableError';
}

export interface RunOptions {
  checks?: readonly Check[];
  reporters?: Reporter[];
  /** The underlying fetch (default: global fetch). */
  fetch?: typeof fetch;
  oracle?: Oracle;
  /** Stops before the next check; cleanup still runs. */
  signal?: AbortSignal;
}

/** The reason a check cannot run with this configuration, if any. */
export function missingNeed(needs: CheckNeeds | undefined, config: ResolvedConfig): string | undefined {
  if (!needs) return undefined;
  if (needs.writes && !config.allowWrites) return 'needs --allow-writes (this run is read-only)';
  if (needs.otherOrgApiKey && !config.otherOrgApiKey)
    return 'needs --other-org-api-key (a key of another organisation)';
  if (needs.invocation && !(config.mcpId && config.tool))
    return 'needs --mcp-id and --tool (a reachable MCP server and one of its tools)';
  if (needs.rateLimit && config.rateLimit === 'off') return 'rate-limit checks are off (--rate-limit off)';
  return undefined;
}

/** Picks the checks `only`/`skip` select; unknown ids are a usage error. */
export function selectChecks(all: readonly Check[], config: ResolvedConfig): Check[] {
  const known = new Set(all.map((c) => c.id));
  for (const id of [...config.only, ...config.skip])
    if (!known.has(id)) throw new UsageError(`unknown check id: ${id}`);
  return config.only.length ? all.filter((c) => config.only.includes(c.id)) : [...all];
}

/** A run in progress: checks are run one at a time, and `close` removes what they created. */
export interface RunSession {
  config: ResolvedConfig;
  selected: Check[];
  runCheck(check: Check): Promise<CheckResult>;
  /** Runs the cleanup registry and returns the report so far. */
  close(): Promise<RunReport>;
}

/**
 * Resolves the configuration, loads the oracle and checks the target answers at all (GET /health). The vitest
 * entry point uses this to run each check as its own test; `runConformance` uses it for the CLI.
 *
 * @example
 * const session = await openRunSession({ baseUrl, apiKey });
 * for (const check of session.selected) console.log((await session.runCheck(check)).outcome);
 * await session.close();
 */
export async function openRunSession(input: ConformanceConfig, options: RunOptions = {}): Promise<RunSession> {
  let config: ResolvedConfig;
  try {
    config = resolveConfig(input);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const selected = selectChecks(options.checks ?? registry, config);
  const oracle = options.oracle ?? (await Oracle.load());
  const recorder = createRecorder({
    ...(options.fetch ? { fetch: options.fetch } : {}),
    secrets: [config.apiKey, config.otherOrgApiKey],
  });
  const http = createHttpSession({
    baseUrl: config.baseUrl,
    apiKey: config.apiKey,
    otherOrgApiKey: config.otherOrgApiKey,
    recorder,
    defaultTimeoutMs: config.requestTimeoutMs,
  });
  // The client retries 429s itself (Retry-After), like the raw session does for checks not about rate limits.
  const client = createPlexMcpClient({
    baseUrl: config.baseUrl,
    apiKey: config.apiKey,
    fetch: (request) => recorder.fetch(request),
    retry: { attempts: 4, maxDelayMs: 10_000 },
  });
  const startedAt = new Date();

  recorder.setTag('preflight');
  try {
    await http.send('GET', '/health', { auth: 'none', timeoutMs: Math.min(config.requestTimeoutMs, 15_000) });
  } catch (error) {
    const last = recorder.exchanges[recorder.exchanges.length - 1];
    throw new TargetUnreachableError(
      `${config.baseUrl} did not answer: ${last?.networkError ?? (error as Error).message}`,
    );
  }

  const cleanup = new CleanupRegistry();
  const state = new Map<string, unknown>();
  const results: CheckResult[] = [];
  const cleanupErrors: string[] = [];

  async function runCheck(check: Check): Promise<CheckResult> {
    recorder.setTag(check.id);
    const before = recorder.exchanges.length;
    const started = performance.now();
    const ctx = new CheckContext({ config, http, client, recorder, oracle, cleanup, state });
    let outcome: Outcome | undefined;
    let reason: string | undefined;
    const excluded = config.skip.includes(check.id) ? 'excluded by --skip' : missingNeed(check.needs, config);
    if (excluded) {
      outcome = 'skip';
      reason = excluded;
    } else {
      try {
        await check.run(ctx);
      } catch (error) {
        if (error instanceof SkipSignal) {
          reason = error.reason;
          // A check that already found a failure before it had to stop still fails.
          if (!ctx.findings.some((f) => f.severity === 'fail')) outcome = 'skip';
        } else {
          const last =
            recorder.exchanges.length > before ? recorder.exchanges[recorder.exchanges.length - 1] : undefined;
          ctx.findings.push({
            severity: 'fail',
            message: `the check could not complete: ${last?.networkError ?? (error as Error).message ?? String(error)}`,
            ...(last ? { exchange: last } : {}),
          });
        }
      }
    }
    // Remove what this check created now, not only at the end: plan limits (3 MCPs, 5 keys on the free plan) would
    // otherwise starve later checks. Whatever fails to go is reported in the run report.
    recorder.setTag(`cleanup:${check.id}`);
    cleanupErrors.push(...(await cleanup.runAll()));
    outcome ??= ctx.findings.some((f) => f.severity === 'fail') ? 'fail' : ctx.findings.length ? 'warn' : 'pass';
    const result: CheckResult = {
      id: check.id,
      title: check.title,
      requirement: check.requirement,
      outcome,
      ...(reason ? { reason } : {}),
      findings: ctx.findings,
      notes: ctx.notes,
      durationMs: Math.round(performance.now() - started),
      exchangeCount: recorder.exchanges.length - before,
    };
    results.push(result);
    return result;
  }

  async function close(): Promise<RunReport> {
    recorder.setTag('cleanup');
    cleanupErrors.push(...(await cleanup.runAll()));
    const finishedAt = new Date();
    const counts = { pass: 0, fail: 0, warn: 0, skip: 0 };
    for (const r of results) counts[r.outcome]++;
    return {
      baseUrl: config.baseUrl,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      runPrefix: config.runPrefix,
      results,
      counts,
      cleanupErrors,
      exchanges: recorder.exchanges,
    };
  }

  return { config, selected, runCheck, close };
}

/**
 * Runs the selected checks in order, reporting progress, and always cleans up (also after a failure or an abort).
 *
 * @example
 * const report = await runConformance({ baseUrl: 'http://127.0.0.1:8080', apiKey }, { reporters: [prettyReporter({ write: console.log })] });
 * process.exitCode = report.counts.fail > 0 ? 1 : 0;
 */
export async function runConformance(input: ConformanceConfig, options: RunOptions = {}): Promise<RunReport> {
  const session = await openRunSession(input, options);
  const reporters = options.reporters ?? [];
  for (const r of reporters)
    r.onStart?.({
      baseUrl: session.config.baseUrl,
      total: session.selected.length,
      runPrefix: session.config.runPrefix,
    });
  let report: RunReport;
  try {
    for (const check of session.selected) {
      if (options.signal?.aborted) break;
      for (const r of reporters) r.onCheckStart?.(check);
      const result = await session.runCheck(check);
      for (const r of reporters) r.onCheckEnd?.(result);
    }
  } finally {
    report = await session.close();
  }
  for (const r of reporters) await r.onEnd?.(report);
  return report;
}
