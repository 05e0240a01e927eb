import { cite, section } from '../citation.js';
import { runGenerated } from '../inputs/generated-run.js';
import type { Check } from '../model.js';

/**
 * Requests generated to break exactly one rule of an operation's parameter or body schema (a type, a format, a bound,
 * an enum, a required field, an undeclared property, nesting, the limits on JSON values) are refused with the
 * documented status and code in the error envelope: parameters 400 invalid_request, bodies 422 validation_error,
 * bodies nested deeper than 64 levels 400 invalid_request. Failures are shrunk to a minimal request, with a curl line.
 */
export const genNegative: Check = {
  id: 'GEN-002',
  title: 'Generated invalid requests are refused with 400/422 in the envelope, never served or 5xx',
  requirement: cite(
    'a request that breaks its parameter or body schema is 400 invalid_request (parameters; a body nested deeper than 64 levels) or 422 validation_error (bodies), in the error envelope; never 2xx or 5xx',
    section('Errors'),
    section('Request bodies'),
    section('Limits on JSON values'),
  ),
  run: (ctx) => runGenerated(ctx, 'negative'),
};
