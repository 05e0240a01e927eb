/**
 * The oracle: given a recorded exchange, says which documented operation it hit, whether the status is documented,
 * whether the body matches the documented schema for that status and content type, and whether the documented
 * required headers are present and valid. Schemas are compiled from openapi.yaml with ajv (JSON Schema 2020-12, the
 * dialect of OpenAPI 3.1) and ajv-formats; framework errors (unknown route, wrong method) are held to ErrorEnvelope.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import {
  type Contract,
  escapePointer,
  follow,
  isObject,
  type Json,
  type JsonObject,
  loadContract,
  lookup,
} from '../../contract/index.js';
import { pointer as at, type Citation, cite, section, standard } from '../citation.js';
import type { Exchange } from '../exchange.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => void;

const CONTRACT_ID = 'https://plexmcp.local/openapi.json';

export interface OperationRef {
  operationId: string;
  method: string;
  path: string;
}

export interface OracleIssue {
  kind: 'route' | 'status' | 'content-type' | 'body' | 'header';
  message: string;
  /** What the contract documents for this point, and where. */
  documented: Citation;
}

export interface Verdict {
  route: 'operation' | 'wrong-method' | 'unknown-route' | 'not-judged';
  operation?: OperationRef;
  statusDocumented: boolean;
  issues: OracleIssue[];
}

export class Oracle {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();

  /** The contract's document (openapi.yaml parsed). */
  readonly doc: JsonObject;

  constructor(readonly contract: Contract) {
    this.doc = contract.document;
    const doc = this.doc;
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    // JSON Schema's "email" is an RFC 5321 Mailbox, whose domain may be a single label (owner@localhost);
    // ajv-formats demands a dot, which would fail valid self-hosted data.
    this.ajv.addFormat('email', { type: 'string', validate: isMailbox });
    // A copy: the contract is shared by every reader in this process, and Ajv must not annotate it.
    this.ajv.addSchema(structuredClone(doc) as object, CONTRACT_ID);
  }

  /**
   * @example
   * const oracle = await Oracle.load();
   * oracle.judge(exchange).issues; // [] when the response is as documented
   */
  static async load(path?: string): Promise<Oracle> {
    return new Oracle(loadContract(path));
  }

  /** Validates a value against the schema at a JSON pointer into the contract; returns messages (empty = valid). */
  validate(pointer: string, value: unknown): string[] {
    let fn = this.compiled.get(pointer);
    if (!fn) {
      fn = this.ajv.compile({ $ref: `${CONTRACT_ID}${pointer}` });
      this.compiled.set(pointer, fn);
    }
    if (fn(value)) return [];
    // One message per rule and schema location: `/data/0/x` and `/data/7/x` are the same problem seen twice.
    const byShape = new Map<string, string>();
    for (const e of fn.errors ?? []) {
      const allowed = e.params && 'allowedValues' in e.params ? (e.params.allowedValues as unknown[]) : undefined;
      const shown = allowed ? ` ${JSON.stringify(allowed.slice(0, 6))}${allowed.length > 6 ? '…' : ''}` : '';
      // A closed schema (additionalProperties/unevaluatedProperties: false) names the property it did not declare.
      const extra = e.params && ('additionalProperty' in e.params || 'unevaluatedProperty' in e.params);
      const name = extra ? String(e.params.additionalProperty ?? e.params.unevaluatedProperty) : '';
      const text = extra
        ? `${e.instancePath || '(root)'} has undeclared property ${JSON.stringify(name)}`
        : `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}${shown}`;
      const shape = text.replace(/\/\d+(?=\/|\s)/g, '/*');
      if (!byShape.has(shape)) byShape.set(shape, text);
    }
    return [...byShape.values()].slice(0, 8);
  }

  /** Validates a value against a standalone (already dereferenced) schema. */
  validateAgainst(schema: unknown, value: unknown): string[] {
    const fn = this.ajv.compile(schema as object);
    return fn(value) ? [] : (fn.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`);
  }

  match(method: string, pathname: string) {
    return this.contract.match(method, pathname);
  }

  /** The documented status codes of an operation, as strings. */
  documentedStatuses(method: string, template: string): string[] {
    const op = lookup(this.doc, `#/paths/${escapePointer(template)}/${method.toLowerCase()}`);
    return isObject(op) && isObject(op.responses) ? Object.keys(op.responses) : [];
  }

  judge(exchange: Exchange, options: { basePath?: string } = {}): Verdict {
    const response = exchange.response;
    if (!response) return { route: 'not-judged', statusDocumented: false, issues: [] };
    const url = new URL(exchange.request.url);
    const basePath = (options.basePath ?? '').replace(/\/+$/, '');
    const pathname =
      basePath && url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) || '/' : url.pathname;
    const method = exchange.request.method.toUpperCase();
    const issues: OracleIssue[] = [];
    requestIdIssue(response.headers, issues);
    const match = this.contract.match(method, pathname);

    if (match.kind !== 'operation' || !match.template) {
      // openapi.yaml "Envelope": unknown routes and wrong methods are still JSON in the error envelope.
      if (response.status < 400) {
        issues.push({
          kind: 'route',
          message: `${method} ${pathname} is not in the contract but answered ${response.status}`,
          documented: cite('404 not_found or 405 method_not_allowed', section('Request handling')),
        });
      } else if (method !== 'HEAD') {
        this.bodyIssues(response, '#/components/schemas/ErrorEnvelope', issues);
      }
      if (match.kind === 'wrong-method' && response.status === 405 && !response.headers.allow) {
        issues.push({
          kind: 'header',
          message: '405 without an Allow header',
          documented: cite('Allow', standard('RFC 9110 §15.5.6'), section('Request handling')),
        });
      }
      return { route: match.kind, statusDocumented: false, issues };
    }

    const operationPointer = `#/paths/${escapePointer(match.template)}/${method.toLowerCase()}`;
    const op = lookup(this.doc, operationPointer);
    const operation: OperationRef = {
      operationId: isObject(op) ? String(op.operationId) : '?',
      method,
      path: match.template,
    };
    const responses = isObject(op) && isObject(op.responses) ? op.responses : {};
    const key =
      String(response.status) in responses
        ? String(response.status)
        : `${String(response.status)[0]}XX` in responses
          ? `${String(response.status)[0]}XX`
          : 'default' in responses
            ? 'default'
            : undefined;
    if (!key) {
      issues.push({
        kind: 'status',
        message: `status ${response.status} is not documented for ${operation.operationId}`,
        documented: cite(`one of ${Object.keys(responses).join(', ')}`, at(`${operationPointer}/responses`)),
      });
      if (response.status >= 400 && method !== 'HEAD')
        this.bodyIssues(response, '#/components/schemas/ErrorEnvelope', issues);
      return { route: 'operation', operation, statusDocumented: false, issues };
    }
    const resolved = follow(this.doc, responses[key], `${operationPointer}/responses/${key}`);
    if (isObject(resolved.node)) {
      this.headerIssues(resolved.node, resolved.pointer, response.headers, issues);
      if (method !== 'HEAD') this.contentIssues(resolved.node, resolved.pointer, response, issues);
    }
    return { route: 'operation', operation, statusDocumented: true, issues };
  }

  private contentIssues(
    responseObject: JsonObject,
    pointer: string,
    response: NonNullable<Exchange['response']>,
    issues: OracleIssue[],
  ): void {
    const content = isObject(responseObject.content) ? responseObject.content : undefined;
    if (!content) return;
    const types = Object.keys(content);
    const mediaType = (response.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!types.includes(mediaType)) {
      issues.push({
        kind: 'content-type',
        message: `Content-Type is ${mediaType || '(none)'}`,
        documented: cite(types.join(' or '), at(`${pointer}/content`)),
      });
      return;
    }
    if (mediaType === 'application/json' || mediaType.endsWith('+json')) {
      this.bodyIssues(response, `${pointer}/content/${escapePointer(mediaType)}/schema`, issues);
    }
  }

  private bodyIssues(response: NonNullable<Exchange['response']>, schemaPointer: string, issues: OracleIssue[]): void {
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      issues.push({ kind: 'body', message: 'the body is not JSON', documented: cite('JSON', at(schemaPointer)) });
      return;
    }
    const errors = this.validate(schemaPointer, body);
    if (errors.length)
      issues.push({
        kind: 'body',
        message: `the body does not match the schema: ${errors.join('; ')}`,
        documented: cite('the schema', at(schemaPointer)),
      });
  }

  private headerIssues(
    responseObject: JsonObject,
    pointer: string,
    headers: Record<string, string>,
    issues: OracleIssue[],
  ): void {
    const documented = isObject(responseObject.headers) ? responseObject.headers : {};
    for (const [name, raw] of Object.entries(documented)) {
      const { node: header, pointer: headerPointer } = follow(
        this.doc,
        raw as Json,
        `${pointer}/headers/${escapePointer(name)}`,
      );
      if (!isObject(header)) continue;
      const value = headers[name.toLowerCase()];
      if (value === undefined) {
        if (header.required === true && name.toLowerCase() !== 'x-request-id') {
          issues.push({
            kind: 'header',
            message: `required header ${name} is missing`,
            documented: cite(`${name} is required`, at(headerPointer)),
          });
        }
        continue;
      }
      const schema = isObject(header.schema) ? header.schema : undefined;
      if (!schema) continue;
      const typed =
        schema.type === 'integer' || schema.type === 'number'
          ? /^-?\d+(\.\d+)?$/.test(value.trim())
            ? Number(value)
            : value
          : value;
      const errors = this.validate(`${headerPointer}/schema`, typed);
      if (errors.length)
        issues.push({
          kind: 'header',
          message: `header ${name}: ${JSON.stringify(value)} ${errors.join('; ')}`,
          documented: cite(`${name} schema`, at(`${headerPointer}/schema`)),
        });
    }
  }
}

/** openapi.yaml "Envelope": every response carries X-Request-Id (1..128 characters, #/components/headers/X-Request-Id). */
function requestIdIssue(headers: Record<string, string>, issues: OracleIssue[]): void {
  const id = headers['x-request-id'];
  if (!id)
    issues.push({
      kind: 'header',
      message: 'X-Request-Id is missing',
      documented: cite('X-Request-Id on every response', section('Envelope')),
    });
  else if (id.length > 128)
    issues.push({
      kind: 'header',
      message: 'X-Request-Id is longer than 128 characters',
      documented: cite('1..128 characters', at('#/components/headers/X-Request-Id')),
    });
}

const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const MAILBOX = new RegExp(
  `^(?:${ATOM}(?:\\.${ATOM})*|"(?:[\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]|\\\\[\\x20-\\x7e])*")@(?:${LABEL}(?:\\.${LABEL})*|\\[[^\\[\\]\\\\\\s]+\\])$`,
);

/** RFC 5321 §4.1.2 Mailbox: dot-atom or quoted local part, a domain of one or more labels or an address literal. */
export function isMailbox(value: string): boolean {
  return value.length <= 254 && MAILBOX.test(value);
}
