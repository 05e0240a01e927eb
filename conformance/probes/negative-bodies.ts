/** Sends contract-invalid bodies to one operation and expects 4xx rejections in the envelope, never 2xx or 5xx. */

import type { JsonObject } from '../../contract/index.js';
import { about, cite, section } from '../citation.js';
import type { CheckContext } from '../context.js';
import { registerCreated } from './fixtures.js';
import { invalidBodies } from './invalid-values.js';
import type { OperationInfo } from './operations.js';

export async function rejectInvalidBodies(
  ctx: CheckContext,
  op: OperationInfo,
  path: string,
  valid: JsonObject,
): Promise<number> {
  if (!op.requestBody) return 0;
  const documented = cite(
    `${op.operationId}: 422 validation_error or 400 invalid_request, in the envelope, never 2xx or 5xx`,
    section('Errors'),
  );
  let sent = 0;
  for (const mutation of invalidBodies(op.requestBody.schema, valid)) {
    // Keep only probes the contract itself calls invalid.
    if (ctx.oracle.validate(op.requestBody.pointer, mutation.value).length === 0) continue;
    sent++;
    const reply = await ctx.http.send(op.method, path, { json: mutation.value });
    if (op.method === 'POST' && path === '/v1/mcps') registerCreated(ctx, 'mcp', reply);
    if (op.method === 'POST' && path === '/v1/api-keys') registerCreated(ctx, 'api-key', reply);
    if (reply.status < 400 || reply.status >= 500) {
      ctx.fail(`${mutation.description}: answered ${reply.status}`, { reply, documented });
      continue;
    }
    if (
      ctx.expectError(
        reply,
        [400, 422],
        ['validation_error', 'invalid_request'],
        about(`${mutation.description}`, documented),
      )
    )
      ctx.expectContract(reply);
  }
  return sent;
}
