/**
 * The fuzzer's oracle (openapi.yaml, info.description "Envelope" and "Errors"): every answer carries `X-Request-Id`
 * and is the JSON envelope (an error's code from the catalogue, with the catalogue's status); no answer is a 5xx,
 * except a gateway error (502/504 with mcp_error, mcp_unreachable or mcp_timeout) the operation documents, which is
 * the upstream's failure, not the server's. The documents (`/openapi.yaml`, `/openapi.json`, `/docs`) answer in their
 * own media type when they succeed.
 */
import type { Contract } from '../contract/index.js';
import type { Exchange, FuzzCase, RawAnswer } from './wire.js';

const UPSTREAM_CODES = new Set(['mcp_error', 'mcp_unreachable', 'mcp_timeout']);
const DOCUMENTS = new Set(['getOpenApiYaml', 'getOpenApiJson', 'getDocs']);

export interface Verdict {
  /** What was wrong, or undefined when the exchange is as the contract says. */
  problem: string | undefined;
  /** Statuses of the answers, in order. */
  statuses: number[];
  /** Answers in the envelope with an X-Request-Id, of all answers. */
  enveloped: number;
}

interface ErrorEnvelope {
  success: false;
  error: { code: unknown; message: unknown };
}

/** The method and path the server saw, when the case is one the fuzzer framed itself. */
function requestOf(c: FuzzCase): { method: string; pathname: string } | undefined {
  if (c.kind !== 'http') return undefined;
  const pathname = c.target.split('?')[0] ?? c.target;
  return { method: c.method, pathname };
}

function judgeAnswer(contract: Contract, c: FuzzCase, answer: RawAnswer): string | undefined {
  const request = requestOf(c);
  const operation = request
    ? contract.match(request.method === 'HEAD' ? 'GET' : request.method, request.pathname).operation
    : undefined;
  if (!answer.headers['x-request-id']) return `${answer.status} without X-Request-Id`;
  // HEAD and 304 (a conditional GET of a document) carry no body by definition (RFC 9110 §9.3.2, §15.4.5).
  if (request?.method === 'HEAD' || answer.status === 304)
    return answer.status >= 500 ? `${answer.status} to HEAD` : undefined;
  if (operation && DOCUMENTS.has(operation.operationId) && answer.status >= 200 && answer.status < 300)
    return undefined;
  let body: unknown;
  try {
    body = JSON.parse(answer.body.toString('utf8'));
  } catch {
    return `${answer.status} whose body is not JSON: ${JSON.stringify(answer.body.subarray(0, 120).toString('latin1'))}`;
  }
  if (typeof body !== 'object' || body === null || typeof (body as { success?: unknown }).success !== 'boolean')
    return `${answer.status} whose body is not the envelope`;
  if ((body as { success: boolean }).success) {
    if (answer.status >= 400) return `${answer.status} with success: true`;
    return 'data' in body ? undefined : `${answer.status} success envelope without data`;
  }
  const { error } = body as ErrorEnvelope;
  if (typeof error?.code !== 'string' || typeof error.message !== 'string')
    return `${answer.status} error envelope without code and message`;
  const documented = contract.errorCatalogue.get(error.code);
  if (documented === undefined) return `${answer.status} with an error code not in the catalogue: ${error.code}`;
  if (documented !== answer.status)
    return `${answer.status} with ${error.code}, which the catalogue gives ${documented}`;
  if (answer.status >= 500) {
    const gateway =
      (answer.status === 502 || answer.status === 504) &&
      UPSTREAM_CODES.has(error.code) &&
      operation?.node.responses !== undefined &&
      String(answer.status) in (operation.node.responses as object);
    if (!gateway) return `${answer.status} ${error.code}: ${error.message}`;
  }
  return undefined;
}

/** Judges one exchange. */
export function judge(contract: Contract, c: FuzzCase, result: Exchange): Verdict {
  const statuses = result.answers.map((a) => a.status);
  let enveloped = 0;
  let problem: string | undefined;
  for (const answer of result.answers) {
    const wrong = judgeAnswer(contract, c, answer);
    if (wrong === undefined) enveloped += 1;
    else problem ??= wrong;
  }
  const expectsAnswer = c.kind === 'http' || c.expectsAnswer;
  if (!problem && result.answers.length === 0 && expectsAnswer) {
    problem = `no answer (${result.error ?? 'closed'}${result.trailing.length > 0 ? `, received ${JSON.stringify(result.trailing.subarray(0, 80).toString('latin1'))}` : ''})`;
  }
  if (!problem && result.trailing.length > 0) {
    problem = `bytes that are no HTTP answer after ${result.answers.length} answer(s): ${JSON.stringify(result.trailing.subarray(0, 80).toString('latin1'))}`;
  }
  return { problem, statuses, enveloped };
}
