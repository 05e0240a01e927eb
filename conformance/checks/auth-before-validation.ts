import { cite, section } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';

/** An unauthenticated request with invalid input is 401, never a 400/422 that reveals the schema. */
async function authBeforeValidation(ctx: CheckContext): Promise<void> {
  const documented = cite('401 unauthorized: authentication runs before validation', section('Request handling'));
  const badQuery = await ctx.http.send('GET', '/v1/mcps', { auth: 'none', query: { per_page: 0, page: 'abc' } });
  ctx.expectError(badQuery, 401, 'unauthorized', documented);
  const badBody = await ctx.http.send('POST', '/v1/api-keys', {
    auth: 'none',
    json: { name: 42, conformance_unknown_property: true },
  });
  ctx.expectError(badBody, 401, 'unauthorized', documented);
  const badInvoke = await ctx.http.send('POST', '/mcp', { auth: 'none', json: { tool: '' } });
  ctx.expectError(badInvoke, 401, 'unauthorized', documented);
}

export const authBeforeValidationCheck: Check = {
  id: 'AUTH-005',
  title: 'Authentication runs before validation',
  requirement: cite(
    'authentication runs before validation: an unauthenticated request gets 401, never a 400 that reveals the schema.',
    section('Request handling'),
  ),
  run: authBeforeValidation,
};
