/**
 * Sends one operation's generated requests as a fast-check property (`fc.asyncProperty`, run by `fc.check` with a
 * seed derived from the run's `--seed`), judges every answer, and on a failure lets fast-check shrink the request to
 * a minimal one that still fails; the finding carries that request, its exchange and a curl line.
 */
import fc from 'fast-check';
import { type Citation, cite, operation, section } from '../citation.js';
import { type CheckContext, errorCode } from '../context.js';
import type { Reply } from '../http/session.js';
import { registerCreated } from '../probes/fixtures.js';
import type { OperationInfo } from '../probes/operations.js';
import { curlLine } from './curl.js';
import { type Example, pathWithQuery } from './operation-inputs.js';

export type Polarity = 'positive' | 'negative';

/** Requests a failing property may spend on shrinking, beyond its examples. */
export const SHRINK_BUDGET = 100;

interface Problem {
  kind: string;
  message: string;
  documented: Citation;
}

/** The seed of one operation's property: the run's seed mixed with what is generated (FNV-1a), as a 32-bit integer. */
export function derivedSeed(seed: number, label: string): number {
  let hash = 0x811c9dc5;
  for (const ch of `${seed}:${label}`) hash = Math.imul(hash ^ (ch.codePointAt(0) ?? 0), 0x01000193);
  return hash | 0;
}

function documentedStatuses(ctx: CheckContext, op: OperationInfo): string[] {
  return ctx.oracle.documentedStatuses(op.method, op.path);
}

/** openapi.yaml "Errors": a 5xx is the deployment's fault, except the upstream errors an operation documents. */
function serverError(ctx: CheckContext, op: OperationInfo, reply: Reply): Problem | undefined {
  if (reply.status < 500) return undefined;
  const gateway =
    (reply.status === 502 || reply.status === 504) && documentedStatuses(ctx, op).includes(String(reply.status));
  if (gateway) return undefined;
  return {
    kind: 'server-error',
    message: `answered ${reply.status} ${errorCode(reply) ?? ''}`.trim(),
    documented: cite(
      `${op.operationId}: no 5xx for a request the deployment can judge (an enveloped 500 internal_error is a failure too); only documented upstream errors (502, 504)`,
      section('Errors'),
      operation(op.operationId),
    ),
  };
}

/**
 * A valid request is served (2xx), or refused only for the state it meets: an id that does not exist (404), a role
 * or scope (403), a conflict (409), the quota (429), a tool's own input schema (422 invalid_arguments), or an
 * upstream error the operation documents. A 400, a 422 validation_error or an undocumented status is a failure.
 */
function positiveProblem(ctx: CheckContext, op: OperationInfo, reply: Reply): Problem | undefined {
  const error = serverError(ctx, op, reply);
  if (error || reply.status >= 500) return error;
  const documented = documentedStatuses(ctx, op);
  const statuses = cite(`${op.operationId}: one of ${documented.join(', ')}`, operation(op.operationId));
  if (!documented.includes(String(reply.status)))
    return { kind: 'undocumented-status', message: `answered ${reply.status}, not documented`, documented: statuses };
  const code = errorCode(reply);
  const stateRefusal =
    [403, 404, 409, 429].includes(reply.status) || (reply.status === 422 && code === 'invalid_arguments');
  if ((reply.status >= 200 && reply.status < 300) || stateRefusal) return undefined;
  return {
    kind: 'valid-input-refused',
    message: `refused a request the contract calls valid: ${reply.status} ${code ?? ''}`.trim(),
    documented: cite(
      `${op.operationId}: the request is valid by its parameter and body schemas`,
      operation(op.operationId),
    ),
  };
}

/** An invalid request is refused with the documented status and code, in the error envelope (openapi.yaml "Errors"). */
function negativeProblem(ctx: CheckContext, op: OperationInfo, example: Example, reply: Reply): Problem | undefined {
  const error = serverError(ctx, op, reply);
  if (error) return error;
  const expected = example.expected ?? { status: 422, code: 'validation_error' };
  const accepted = [expected, ...(expected.alsoAccepted ? [expected.alsoAccepted] : [])];
  const documented = cite(
    `${example.rule ?? 'an invalid request'}: ${accepted.map((e) => `${e.status} ${e.code}`).join(' or ')} in the error envelope`,
    section('Errors'),
    operation(op.operationId),
  );
  if (reply.status >= 200 && reply.status < 300)
    return { kind: 'invalid-input-accepted', message: `accepted an invalid request: ${reply.status}`, documented };
  const code = errorCode(reply);
  if (!accepted.some((e) => e.status === reply.status && e.code === code)) {
    const envelope = ctx.oracle.validate('#/components/schemas/ErrorEnvelope', reply.json).length === 0;
    return {
      kind: envelope ? 'wrong-refusal' : 'not-enveloped',
      message: `answered ${reply.status} ${code ?? '(no error envelope)'}`,
      documented,
    };
  }
  return undefined;
}

/** Sends a generated request; a creation that succeeded is removed at once (and stays registered if it cannot be). */
async function send(ctx: CheckContext, op: OperationInfo, example: Example): Promise<Reply> {
  const { request } = example;
  const reply = await ctx.http.send(request.method, pathWithQuery(request), {
    ...(request.body !== undefined ? { json: request.body } : {}),
  });
  const kind = op.operationId === 'createMcp' ? 'mcp' : op.operationId === 'createApiKey' ? 'api-key' : undefined;
  if (kind) {
    const id = registerCreated(ctx, kind, reply);
    if (id) await ctx.cleanup.removeNow(`${kind} ${id}`);
  }
  return reply;
}

/**
 * Runs `examples` against `op` and records a failure with the shrunk request. Answers with the statuses received.
 *
 * @example
 * await exercise(ctx, op, 'negative', operationInputs(op, sources).negative!);
 */
export async function exercise(
  ctx: CheckContext,
  op: OperationInfo,
  polarity: Polarity,
  examples: fc.Arbitrary<Example>,
): Promise<Map<number, number>> {
  const seed = derivedSeed(ctx.config.seed, `${polarity} ${op.operationId}`);
  const budget = ctx.config.maxExamples + SHRINK_BUDGET;
  const statuses = new Map<number, number>();
  let sent = 0;
  let failure: { example: Example; reply?: Reply; problem: Problem } | undefined;
  const property = fc.asyncProperty(examples, async (example) => {
    // Past the budget, shrinking stops where it is: the smallest failing request found so far is the answer.
    if (sent >= budget) return true;
    sent++;
    let reply: Reply;
    try {
      reply = await send(ctx, op, example);
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      const message = `no response: ${error instanceof Error ? error.message : String(error)}${cause}`;
      failure = {
        example,
        problem: { kind: 'no-response', message, documented: cite('an answer', section('Errors')) },
      };
      return false;
    }
    statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
    const problem =
      polarity === 'positive' ? positiveProblem(ctx, op, reply) : negativeProblem(ctx, op, example, reply);
    if (problem) failure = { example, reply, problem };
    return problem === undefined;
  });
  const details = await fc.check(property, { seed, numRuns: ctx.config.maxExamples });
  ctx.verified(`${polarity} requests`, Math.min(sent, ctx.config.maxExamples));
  if (!details.failed) return statuses;
  if (!failure) {
    ctx.fail(`${op.operationId}: the ${polarity} property could not run: ${String(details.errorInstance)}`);
    return statuses;
  }
  const { example, reply, problem } = failure;
  const url = ctx.http.url(pathWithQuery(example.request));
  ctx.fail(
    `${op.operationId} ${polarity}${example.rule ? ` (${example.rule})` : ''}: ${problem.message}; shrunk in ${details.numShrinks} steps (property seed ${seed}, run with --seed ${ctx.config.seed})`,
    {
      kind: problem.kind,
      documented: problem.documented,
      reproduce: curlLine(url, example.request),
      ...(reply ? { reply } : {}),
    },
  );
  return statuses;
}
