import { about, cite, operation, section } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';
import { createApiKey, registerCreated, requireCreated, UNREACHABLE_ENDPOINT } from '../probes/fixtures.js';

/** A viewer key reads, and is 403 forbidden on every write it tries (MCP create, key create, organisation update). */
async function viewerRole(ctx: CheckContext): Promise<void> {
  const k = await createApiKey(ctx, 'viewer', { role: 'viewer' });
  const viewer = requireCreated(ctx, 'a viewer key', k.reply, k.key);
  ctx.expect(viewer.role === 'viewer', `a key created with role viewer has role ${viewer.role}`, {
    reply: k.reply,
    documented: cite("ApiKeyCreate.role is the key's role", operation('createApiKey')),
  });
  const auth = { key: viewer.key };
  const documented = cite('403 forbidden: viewers read only', section('Roles and scopes'));

  for (const path of ['/v1/organization', '/v1/mcps', '/v1/usage']) {
    ctx.expectSuccess(
      await ctx.http.send('GET', path, { auth }),
      200,
      cite(`a viewer reads ${path}`, section('Roles and scopes')),
      path === '/v1/mcps',
    );
  }
  const mcp = await ctx.http.send('POST', '/v1/mcps', {
    auth,
    json: { name: `${ctx.runPrefix}viewer-mcp`, endpoint_url: UNREACHABLE_ENDPOINT },
  });
  registerCreated(ctx, 'mcp', mcp);
  ctx.expectError(mcp, 403, 'forbidden', about('POST /v1/mcps', documented));
  const key = await ctx.http.send('POST', '/v1/api-keys', { auth, json: { name: `${ctx.runPrefix}viewer-key` } });
  registerCreated(ctx, 'api-key', key);
  ctx.expectError(
    key,
    403,
    'forbidden',
    cite(`POST /v1/api-keys: viewers cannot create keys`, operation('createApiKey')),
  );
  // An empty settings object changes nothing even if a broken server let it through.
  const org = await ctx.http.send('PATCH', '/v1/organization', { auth, json: { settings: {} } });
  ctx.expectError(org, 403, 'forbidden', about('PATCH /v1/organization', documented));
}

export const authViewerRole: Check = {
  id: 'AUTH-011',
  title: 'A viewer key reads but is 403 forbidden on writes',
  requirement: cite(
    'viewer: read only; openapi.yaml createMcp/updateOrganization (admins and owners only), createApiKey (viewers cannot create keys) → 403 forbidden.',
    section('Roles and scopes'),
    operation('createMcp'),
    operation('updateOrganization'),
    operation('createApiKey'),
  ),
  needs: { writes: true },
  run: viewerRole,
};
