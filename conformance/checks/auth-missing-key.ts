import { about, cite, pointer, section, standard } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';
import { fillPath, listOperations } from '../probes/operations.js';

/**
 * Every authenticated operation answers 401 unauthorized without a key (ids are placeholders and bodies are empty,
 * so a server that wrongly lets the request through still changes nothing).
 */
async function missingKey(ctx: CheckContext): Promise<void> {
  const documented = cite(
    '401 unauthorized',
    section('Authentication'),
    pointer('#/components/responses/Unauthorized'),
  );
  let withoutChallenge = 0;
  for (const op of listOperations(ctx.oracle.contract).filter((o) => o.authenticated)) {
    const reply = await ctx.http.send(op.method, fillPath(op.path, {}, `${ctx.runPrefix}none`), {
      auth: 'none',
      ...(op.requestBody ? { json: {} } : {}),
    });
    ctx.expectError(reply, 401, 'unauthorized', about(op.operationId, documented));
    if (reply.status === 401 && !reply.headers['www-authenticate']) withoutChallenge++;
  }
  if (withoutChallenge)
    ctx.warn(`${withoutChallenge} 401 responses without WWW-Authenticate`, {
      documented: cite(
        'RFC 9110 §11.6.1: a 401 sends WWW-Authenticate; openapi.yaml documents it on Unauthorized',
        standard('RFC 9110 §11.6.1'),
      ),
    });
}

export const authMissingKey: Check = {
  id: 'AUTH-001',
  title: 'No key: every authenticated operation answers 401 unauthorized',
  requirement: cite(
    'yaml security: every operation but /health, /openapi.* and /docs needs a key; missing → 401 unauthorized.',
    section('Authentication'),
  ),
  run: missingKey,
};
