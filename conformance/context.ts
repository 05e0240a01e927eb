/**
 * What a check gets to work with: the configuration, raw recorded HTTP, the oracle, the cleanup registry, and the
 * assertion helpers that turn a surprise into a finding with evidence (request, received, documented).
 */

import type { PlexMcpClient } from '../client/index.js';
import { type Citation, cite, pointer, section } from './citation.js';
import type { CleanupRegistry } from './cleanup.js';
import type { ResolvedConfig } from './config.js';
import type { Recorder } from './http/recorder.js';
import type { HttpSession, Reply } from './http/session.js';
import type { Exchange, Finding } from './model.js';
import type { Oracle } from './oracle/oracle.js';

/** Thrown by `ctx.skip`; the runner records a skip with the reason. */
export class SkipSignal extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'SkipSignal';
  }
}

export interface Evidence {
  reply?: Reply;
  documented?: Citation;
}

/** What the runner hands every check. */
export interface CheckContextParts {
  config: ResolvedConfig;
  http: HttpSession;
  /** The typed client (client/), over the same recording fetch, for well-formed calls. */
  client: PlexMcpClient;
  recorder: Recorder;
  oracle: Oracle;
  cleanup: CleanupRegistry;
  /** Facts one check learns for later ones. */
  state: Map<string, unknown>;
}

export class CheckContext {
  readonly findings: Finding[] = [];
  readonly notes: string[] = [];
  readonly config: ResolvedConfig;
  readonly http: HttpSession;
  readonly client: PlexMcpClient;
  readonly oracle: Oracle;
  readonly cleanup: CleanupRegistry;
  readonly state: Map<string, unknown>;
  private readonly recorder: Recorder;

  constructor(parts: CheckContextParts) {
    this.config = parts.config;
    this.http = parts.http;
    this.client = parts.client;
    this.recorder = parts.recorder;
    this.oracle = parts.oracle;
    this.cleanup = parts.cleanup;
    this.state = parts.state;
  }

  /** Every exchange of the run so far (all checks), redacted. */
  get recorded(): readonly Exchange[] {
    return this.recorder.exchanges;
  }

  /** Adds a secret (a key created during the run) to the redaction list. */
  addSecret(secret: string): void {
    this.recorder.redactor.add(secret);
  }

  /** The recorded exchange behind a typed-client result, as a `Reply` for assertions and evidence. */
  replyOf(result: { response: Response }): Reply {
    const exchange = this.recorder.exchangeFor(result.response);
    if (!exchange) throw new Error('the typed client answered with a response the recorder did not see');
    const text = this.recorder.rawBodyFor(result.response) ?? exchange.response?.body ?? '';
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: result.response.status, headers: exchange.response?.headers ?? {}, text, json, exchange };
  }

  get runPrefix(): string {
    return this.config.runPrefix;
  }

  /** The path prefix of the base URL, for matching responses to contract paths. */
  get basePath(): string {
    return new URL(this.config.baseUrl).pathname.replace(/\/+$/, '');
  }

  fail(message: string, evidence: Evidence = {}): void {
    this.findings.push({
      severity: 'fail',
      message,
      ...(evidence.documented ? { documented: evidence.documented } : {}),
      ...(evidence.reply ? { exchange: evidence.reply.exchange } : {}),
    });
  }

  /** Inconclusive, or a should-level lapse: reported, but does not fail the run. */
  warn(message: string, evidence: Evidence = {}): void {
    this.findings.push({
      severity: 'warn',
      message,
      ...(evidence.documented ? { documented: evidence.documented } : {}),
      ...(evidence.reply ? { exchange: evidence.reply.exchange } : {}),
    });
  }

  note(message: string): void {
    this.notes.push(message);
  }

  skip(reason: string): never {
    throw new SkipSignal(reason);
  }

  /** Records a failure unless `condition` holds; returns it. */
  expect(condition: boolean, message: string, evidence: Evidence = {}): boolean {
    if (!condition) this.fail(message, evidence);
    return condition;
  }

  expectStatus(reply: Reply, expected: number | number[], documented: Citation): boolean {
    const list = Array.isArray(expected) ? expected : [expected];
    return this.expect(list.includes(reply.status), `expected ${list.join(' or ')}, received ${reply.status}`, {
      reply,
      documented,
    });
  }

  /**
   * Expects an error response: the status, the error envelope (ErrorEnvelope in openapi.yaml), one of the codes,
   * and X-Request-Id. Returns whether all held.
   */
  expectError(reply: Reply, status: number | number[], codes: string | string[], documented: Citation): boolean {
    const codeList = Array.isArray(codes) ? codes : [codes];
    const statusOk = this.expectStatus(reply, status, documented);
    const envelopeErrors = this.oracle.validate('#/components/schemas/ErrorEnvelope', reply.json);
    const envelopeOk = this.expect(
      envelopeErrors.length === 0,
      `the body is not the error envelope: ${envelopeErrors.join('; ') || 'not JSON'}`,
      {
        reply,
        documented: cite('the error envelope', section('Envelope'), pointer('#/components/schemas/ErrorEnvelope')),
      },
    );
    const code = errorCode(reply);
    const codeOk =
      !envelopeOk ||
      this.expect(
        code !== undefined && codeList.includes(code),
        `expected error code ${codeList.join(' or ')}, received ${code ?? '(none)'}`,
        { reply, documented },
      );
    const idOk = this.expectRequestId(reply);
    return statusOk && envelopeOk && codeOk && idOk;
  }

  /** Expects a success envelope (`SuccessEnvelope`, or `ListEnvelope` when `list`) with X-Request-Id. */
  expectSuccess(reply: Reply, status: number, documented: Citation, list = false): boolean {
    const statusOk = this.expectStatus(reply, status, documented);
    if (!statusOk) return false;
    const schema = list ? '#/components/schemas/ListEnvelope' : '#/components/schemas/SuccessEnvelope';
    const errors = this.oracle.validate(schema, reply.json);
    const envelopeOk = this.expect(
      errors.length === 0,
      `the body is not the ${list ? 'list' : 'success'} envelope: ${errors.join('; ') || 'not JSON'}`,
      { reply, documented: cite(`the ${list ? 'list' : 'success'} envelope`, section('Envelope'), pointer(schema)) },
    );
    return this.expectRequestId(reply) && envelopeOk;
  }

  expectRequestId(reply: Reply): boolean {
    return this.expect(Boolean(reply.headers['x-request-id']), 'X-Request-Id is missing', {
      reply,
      documented: cite('X-Request-Id on every response', section('Envelope')),
    });
  }

  /** Holds the response to everything the contract documents for it (operation, status, schema, headers). */
  expectContract(reply: Reply): boolean {
    const verdict = this.oracle.judge(reply.exchange, { basePath: this.basePath });
    for (const issue of verdict.issues)
      this.fail(`${verdict.operation?.operationId ?? verdict.route}: ${issue.message}`, {
        reply,
        documented: issue.documented,
      });
    return verdict.issues.length === 0;
  }
}

/** The `error.code` of an error envelope, if any. */
export function errorCode(reply: Reply): string | undefined {
  const body = reply.json as { error?: { code?: unknown } } | undefined;
  return typeof body?.error?.code === 'string' ? body.error.code : undefined;
}

/** The `data` of a success envelope, if any. */
export function dataOf<T = unknown>(reply: Reply): T | undefined {
  const body = reply.json as { data?: T } | undefined;
  return body && typeof body === 'object' ? body.data : undefined;
}
