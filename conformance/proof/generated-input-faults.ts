/**
 * Faults that only some generated inputs meet: a deployment that breaks on one class of input (a name at its maximum
 * length, a query value past a bound) and is right about everything else. The fixed probes of the other checks send
 * nothing of that class; GEN-001 and GEN-002 must find it, name the kind, shrink it and give a curl line.
 */
import type { FaultCase } from './fault-case.js';
import { codeOf, errorBody, replaceWith } from './json-edit.js';

/** The length of the longest `name` McpCreate, ApiKeyCreate and their updates accept (openapi.yaml, in code points). */
export const NAME_MAX_LENGTH = 100;

function bodyName(body: Buffer): string | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { name?: unknown };
    return typeof parsed?.name === 'string' ? parsed.name : undefined;
  } catch {
    return undefined;
  }
}

export const GENERATED_INPUT_FAULTS: FaultCase[] = [
  {
    name: 'answers an enveloped 500 to a name at its maximum length',
    target: 'self-hosted',
    detectedBy: ['GEN-001'],
    kinds: { 'GEN-001': 'server-error' },
    // Refused before anything is stored, as a crash in validation would: nothing is created behind the 500.
    fault: {
      around: async (req, send) =>
        [...(bodyName(req.body) ?? '')].length === NAME_MAX_LENGTH
          ? replaceWith(
              { status: 500, headers: { 'x-request-id': 'req_fault' }, body: '' },
              500,
              errorBody('internal_error'),
            )
          : send(req),
    },
  },
  {
    name: 'answers an enveloped 500 instead of 400 to query values it cannot parse',
    target: 'self-hosted',
    detectedBy: ['GEN-002'],
    kinds: { 'GEN-002': 'server-error' },
    fault: {
      response: (res, req) =>
        req.url.includes('?') && codeOf(res) === 'invalid_request'
          ? replaceWith(res, 500, errorBody('internal_error'))
          : res,
    },
  },
];
