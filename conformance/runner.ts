/**
 * Runs the selected checks one after another against one deployment, records every exchange, reports progress,
 * and always runs the cleanup registry at the end, whatever happened.
 */
import { createPlexMcpClient } from '../client/index.js';
import { checks as registry } from './checks/index.js';
import { cite, standard } from './citation.js';
import { CleanupRegistry } from './cleanup.js';
import { type ConformanceConfig, type ResolvedConfig, resolveConfig } from './config.js';
import { CheckContext, dataOf, type PublishedOrganization, SkipSignal } from './context.js';
import { createRecorder } from './http/recorder.js';
import { type Auth, createHttpSession, type HttpSession, type Reply } from './http/session.js';
import type { Check, CheckNeeds, CheckResult, Exchange, Outcome, Reporter, RunReport } from './model.js';
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

/**
 * The user's own inputs, checked before any check runs, so that a mistake is reported as one (exit 2, naming it)
 * instead of as dozens of failures blamed on the deployment: the key authenticates, `--mcp-id` names an MCP server
 * of the organisation and `--tool` one of its tools (when its catalogue is known). Answers with the organisation, for
 * checks that read its published plan limits.
 */
async function preflight(http: HttpSession, config: ResolvedConfig): Promise<PublishedOrganization | undefined> {
  let organization: PublishedOrganization | undefined;
  const keys: [Auth, string][] = [['main', 'the API key']];
  if (config.otherOrgApiKey) keys.push(['other-org', "the other organisation's API key (--other-org-api-key)"]);
  for (const [auth, label] of keys) {
    const reply = await http.send('GET', '/v1/organization', { auth });
    if (reply.status === 401 || reply.status === 403)
      throw new UsageError(
        `${label} was rejected: GET /v1/organization answered ${reply.status} ${codeOf(reply) ?? ''}`.trim(),
      );
    if (auth === 'main' && reply.status === 200) organization = dataOf<PublishedOrganization>(reply);
  }
  if (!config.mcpId) return organization;
  const mcp = await http.send('GET', `/v1/mcps/${encodeURIComponent(config.mcpId)}`);
  if (mcp.status === 404 || mcp.status === 403)
    throw new UsageError(
      `--mcp-id ${config.mcpId}: no such MCP server in the organisation (GET answered ${mcp.status})`,
    );
  const tools = dataOf<{ tools?: { name?: unknown }[] }>(mcp)?.tools;
  const names = Array.isArray(tools) ? tools.map((t) => t?.name).filter((n): n is string => typeof n === 'string') : [];
  if (config.tool && names.length > 0 && !names.includes(config.tool))
    throw new UsageError(
      `--tool ${config.tool}: MCP server ${config.mcpId} has no such tool (it has ${names.slice(0, 10).join(', ')})`,
    );
  return organization;
}

function codeOf(reply: Reply): string | undefined {
  const code = (reply.json as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof code === 'string' ? code : undefined;
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

/** What a check verified: its counted subjects, or else the expectations it evaluated. */
function verifiedOf(ctx: CheckContext): CheckResult['verified'] {
  if (ctx.subjects) {
    const what = [...ctx.subjects].map(([label, n]) => `${n} ${label}`);
    return { count: [...ctx.subjects.values()].reduce((a, b) => a + b, 0), what };
  }
  return { count: ctx.assertions, what: ctx.assertions ? [`${ctx.assertions} expectations`] : [] };
}

/** `--max-response-time`: every exchange slower than the bound is a failure of the check that made it. */
function slowExchanges(ctx: CheckContext, exchanges: readonly Exchange[], bound: number | undefined): void {
  if (bound === undefined) return;
  for (const exchange of exchanges)
    if (exchange.response && exchange.durationMs > bound)
      ctx.findings.push({
        severity: 'fail',
        kind: 'slow-response',
        message: `${exchange.request.method} ${new URL(exchange.request.url).pathname} took ${exchange.durationMs} ms`,
        documented: cite(`at most ${bound} ms`, standard('--max-response-time, the bound this run was given')),
        exchange,
      });
}

/** Whether a report fails the run: any failure, or with `--strict` any warn or skip as well. */
export function runFailed(report: Pick<RunReport, 'counts' | 'strict'>): boolean {
  return report.counts.fail > 0 || (report.strict && report.counts.warn + report.counts.skip > 0);
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

  const organization = await preflight(http, config);
  const cleanup = new CleanupRegistry();
  const results: CheckResult[] = [];
  const cleanupErrors: string[] = [];

  async function runCheck(check: Check): Promise<CheckResult> {
    recorder.setTag(check.id);
    const before = recorder.exchanges.length;
    const started = performance.now();
    const ctx = new CheckContext({ config, http, client, recorder, oracle, cleanup, organization });
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
    if (!excluded) slowExchanges(ctx, recorder.exchanges.slice(before), config.maxResponseTimeMs);
    const verified = verifiedOf(ctx);
    outcome ??= ctx.findings.some((f) => f.severity === 'fail') ? 'fail' : ctx.findings.length ? 'warn' : 'pass';
    // A pass must rest on something verified: a check whose lists were empty or whose subjects were missing proved
    // nothing, and says so instead of passing.
    if (outcome === 'pass' && verified.count === 0) {
      outcome = 'skip';
      reason = `verified nothing${verified.what.length ? ` (${verified.what.join(', ')})` : ''}`;
    }
    const result: CheckResult = {
      id: check.id,
      title: check.title,
      requirement: check.requirement,
      outcome,
      ...(reason ? { reason } : {}),
      findings: ctx.findings,
      notes: ctx.notes,
      verified,
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
      strict: config.strict,
      maxResponseTimeMs: config.maxResponseTimeMs ?? null,
      seed: config.seed,
      maxExamples: config.maxExamples,
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
      seed: session.config.seed,
      maxExamples: session.config.maxExamples,
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
