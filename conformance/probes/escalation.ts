/**
 * No key widens its own privilege through the keys it issues (openapi.yaml "Key management": "A key issues keys with a
 * role at most its role and a scope within its own (`403 forbidden` otherwise)"). Every key of the matrix asks for a
 * key of each role above its own, and the scoped key for one over every MCP server and one over an MCP server outside
 * its scope. A deployment that wrongly issues one is caught (201), and the key it issued is revoked at cleanup.
 */
import { type ContractRole, ROLES } from '../../contract/index.js';
import { cite, operation, section } from '../citation.js';
import type { CheckContext } from '../context.js';
import { registerCreated } from './fixtures.js';
import { expectRefusal, type MatrixKey, rank } from './key-management.js';

const DOCUMENTED = (what: string) =>
  cite(
    `a key issues keys with ${what} (403 forbidden otherwise)`,
    section('Key management'),
    operation('createApiKey'),
  );

async function askFor(
  ctx: CheckContext,
  caller: MatrixKey,
  body: Record<string, unknown>,
  asked: string,
  what: string,
): Promise<void> {
  const reply = await ctx.http.send('POST', '/v1/api-keys', {
    auth: { key: caller.key },
    json: { name: `${ctx.runPrefix}escalate`, ...body },
  });
  registerCreated(ctx, 'api-key', reply);
  expectRefusal(
    ctx,
    reply,
    { status: 403, code: 'forbidden', kind: 'privilege-escalation' },
    `${caller.label} key: createApiKey asking for ${asked}`,
    DOCUMENTED(what),
  );
  ctx.verified('escalation probes', 1);
}

/** Each key that may issue keys (createApiKey's `x-required-role`) asks for more than it has. */
export async function sweepEscalation(ctx: CheckContext, keys: readonly MatrixKey[], mcpOut: string): Promise<void> {
  const issuing = ctx.oracle.contract.operations.find((o) => o.operationId === 'createApiKey')?.requiredRole ?? null;
  for (const caller of keys.filter((k) => rank(k.role) >= rank(issuing))) {
    for (const role of ROLES.filter((r) => rank(r) > rank(caller.role)) as ContractRole[])
      await askFor(ctx, caller, { role }, `the ${role} role`, 'a role at most its role');
    if (!caller.scoped) continue;
    await askFor(ctx, caller, { permissions: { mcps: '*' } }, 'every MCP server', 'a scope within its own');
    await askFor(
      ctx,
      caller,
      { permissions: { mcps: [mcpOut] } },
      'an MCP server outside its scope',
      'a scope within its own',
    );
  }
}
