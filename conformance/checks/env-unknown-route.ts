import { cite, section } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';

/** An unknown route is 404 not_found in the error envelope, whether or not the request carries a key. */
async function unknownRoute(ctx: CheckContext): Promise<void> {
  const documented = cite('404 not_found in the error envelope', section('Envelope'));
  const authed = await ctx.http.send('GET', `/v1/${ctx.runPrefix}no-such-route`);
  ctx.expectError(authed, 404, 'not_found', documented);
  const deep = await ctx.http.send('POST', '/v1/mcps/some-id/no-such-action', { json: {} });
  ctx.expectError(deep, 404, 'not_found', documented);
  const anonymous = await ctx.http.send('GET', '/no-such-route', { auth: 'none' });
  // Without a key a server may authenticate first (401) or route first (404); both must be enveloped.
  ctx.expectError(
    anonymous,
    [401, 404],
    ['unauthorized', 'not_found'],
    cite(
      'error envelope (401 or 404) for an unknown route without a key',
      section('Envelope'),
      section('Request handling'),
    ),
  );
}

export const envUnknownRoute: Check = {
  id: 'ENV-002',
  title: 'Unknown routes answer 404 not_found in the envelope',
  requirement: cite(
    'every response is JSON in the envelope, unknown routes included; not_found 404.',
    section('Envelope'),
    section('Errors'),
  ),
  run: unknownRoute,
};
