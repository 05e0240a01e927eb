import { cite, section } from '../citation.js';
import { runGenerated } from '../inputs/generated-run.js';
import type { Check } from '../model.js';

/**
 * Valid requests generated from each operation's parameter and body schemas (types, formats, bounds, enums, optional
 * fields, Unicode strings, free-form JSON within its limits) are served, or refused only for the state they meet
 * (404 for an id that does not exist, 403, 409); never a 400, a 422 validation_error or a 5xx the operation does not
 * document as an upstream error. Failures are shrunk to a minimal request, with a curl line.
 */
export const genPositive: Check = {
  id: 'GEN-001',
  title: 'Generated valid requests are served, never refused as invalid or answered 5xx',
  requirement: cite(
    'every request the parameter and body schemas accept is handled: 2xx, or a documented 4xx for the state it meets (404 unknown id, 403, 409); no 5xx but documented upstream errors (502/504 on invokeTool, testMcp)',
    section('Errors'),
    section('Request handling'),
  ),
  run: (ctx) => runGenerated(ctx, 'positive'),
};
