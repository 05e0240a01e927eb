/**
 * One request per authenticated operation of the contract, with a given key: ids are placeholders and bodies empty,
 * so a deployment that wrongly lets the key through still changes nothing (it answers 404 or 422 instead of 401).
 */
import { about, type Citation } from '../citation.js';
import type { CheckContext } from '../context.js';
import { fillPath, listOperations } from './operations.js';

/**
 * Sends every authenticated operation with `key` and expects `401 <code>` from each; counts the operations verified.
 *
 * @example
 * await everyOperationRefuses(ctx, revokedKey, 'revoked_key', cite('401 revoked_key', section('Errors')));
 */
export async function everyOperationRefuses(
  ctx: CheckContext,
  key: string,
  code: string,
  documented: Citation,
  kind: string,
): Promise<void> {
  for (const op of listOperations(ctx.oracle.contract).filter((o) => o.authenticated)) {
    const reply = await ctx.http.send(op.method, fillPath(op.path, {}, `${ctx.runPrefix}none`), {
      auth: { key },
      ...(op.requestBody ? { json: {} } : {}),
    });
    ctx.expectError(reply, 401, code, about(op.operationId, documented), kind);
    ctx.verified('operations', 1);
  }
}
