/**
 * What a check gets to work with: the configuration, raw recorded HTTP, the oracle, the cleanup registry, and the
 * assertion helpers that turn a surprise into a finding with evidence (request, received, documented).
 */

import type { PlexMcpClient } from '../client/index.js';
import { type Citation, cite, pointer, section } from './citation.js';
import type { CleanupRegistry } from './cleanup.js';
import type { ResolvedConfig } from './config.js';
import type { Exchange, Finding } from './exchange.js';
import type { Recorder } from './http/recorder.js';
import type { HttpSession, Reply } from './http/session.js';
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
  /** A short stable tag for the kind of fault (see `Finding.kind`). */
  kind?: string;
  /** A command that sends the request again (see `Finding.reproduce`). */
  reproduce?: string;
}

/** What the preflight read of the organisation (`getOrganization`), as far as checks rely on it. */
export interface PublishedOrganization {
  limits?: { requests_per_second?: unknown };
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
  /** The organisation as GET /v1/organization answered the preflight (its published plan limits), if it did. */
  organization: PublishedOrganization | undefined;
}

export class CheckContext {
  readonly findings: Finding[] = [];
  readonly notes: string[] = [];
  /** Expectations evaluated (held or not). */
  assertions = 0;
  /** Subjects verified, by what they are; `undefined` until the check counts any (see `verified`). */
  subjects: Map<string, number> | undefined;
  readonly config: ResolvedConfig;
  readonly http: HttpSession;
  readonly client: PlexMcpClient;
  readonly oracle: Oracle;
  readonly cleanup: CleanupRegistry;
  readonly organization: PublishedOrganization | undefined;
  private readonly recorder: Recorder;

  constructor(parts: CheckContextParts) {
    this.config = parts.config;
    this.http = parts.http;
    this.client = parts.client;
    this.recorder = parts.recorder;
    this.oracle = parts.oracle;
    this.cleanup = parts.cleanup;
    this.organization = parts.organization;
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

  /**
   * Counts `n` subjects (items, operations, responses) the check verified, under a label such as `API keys`. A check
   * that counts subjects and ends with none counted is a skip ("verified nothing"), not a pass; call it with 0 to say
   * that a list was looked at and was empty.
   */
  verified(what: string, n = 1): void {
    this.subjects ??= new Map();
    this.subjects.set(what, (this.subjects.get(what) ?? 0) + n);
  }

  fail(message: string, evidence: Evidence = {}): void {
    this.findings.push({
      severity: 'fail',
      ...(evidence.kind ? { kind: evidence.kind } : {}),
      message,
      ...(evidence.documented ? { documented: evidence.documented } : {}),
      ...(evidence.reply ? { exchange: evidence.reply.exchange } : {}),
      ...(evidence.reproduce ? { reproduce: evidence.reproduce } : {}),
    });
  }

  /** Inconclusive, or a should-level lapse: reported, but does not fail the run. */
  warn(message: string, evidence: Evidence = {}): void {
    this.findings.push({
      severity: 'warn',
      ...(evidence.kind ? { kind: evidence.kind } : {}),
      message,
      ...(evidence.documented ? { documented: evidence.documented } : {}),
      ...(evidence.reply ? { exchange: evidence.reply.exchange } : {}),
      ...(evidence.reproduce ? { reproduce: evidence.reproduce } : {}),
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
    this.assertions++;
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
   * and X-Request-Id. Returns whether all held. `kind` tags the findings this makes that have no kind of their own.
   */
  expectError(
    reply: Reply,
    status: number | number[],
    codes: string | string[],
    documented: Citation,
    kind?: string,
  ): boolean {
    const before = this.findings.length;
    const held = this.errorHeld(reply, status, codes, documented);
    if (kind) for (const f of this.findings.slice(before)) f.kind ??= kind;
    return held;
  }

  private errorHeld(reply: Reply, status: number | number[], codes: string | string[], documented: Citation): boolean {
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
    this.assertions++;
    for (const issue of verdict.issues)
      this.fail(`${verdict.operation?.operationId ?? verdict.route}: ${issue.message}`, {
        reply,
        documented: issue.documented,
        kind: issueKind(issue),
      });
    return verdict.issues.length === 0;
  }
}

/** The finding kind of an oracle issue: an undeclared property is its own kind, so a leak is told from a missing field. */
export function issueKind(issue: { kind: string; message: string }): string {
  return issue.kind === 'body' && /undeclared propert/.test(issue.message)
    ? 'undeclared-field'
    : `contract-${issue.kind}`;
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
