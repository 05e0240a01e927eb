import { about, cite, pointer, section } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';

/** Ids that do not exist are 404 not_found in the envelope on every operation that takes one. */
async function unknownIds(ctx: CheckContext): Promise<void> {
  const id = encodeURIComponent(`${ctx.runPrefix}missing`);
  const documented = cite('404 not_found: no such resource in this organisation', section('Errors'));
  const probes: [string, string, unknown?][] = [
    ['GET', `/v1/mcps/${id}`],
    ['GET', `/v1/api-keys/${id}`],
    ['GET', `/v1/api-keys/${id}/usage`],
    ['POST', `/v1/mcps/${id}/test`],
  ];
  if (ctx.config.allowWrites) {
    probes.push(
      ['PATCH', `/v1/mcps/${id}`, { description: 'probe' }],
      ['DELETE', `/v1/mcps/${id}`],
      ['PATCH', `/v1/api-keys/${id}`, { description: 'probe' }],
      ['DELETE', `/v1/api-keys/${id}`],
      ['PATCH', `/v1/organization/members/${id}`, { role: 'viewer' }],
      ['DELETE', `/v1/organization/members/${id}`],
    );
  } else {
    ctx.note('PATCH/DELETE with unknown ids are probed only with --allow-writes');
  }
  for (const [method, path, body] of probes) {
    const reply = await ctx.http.send(method, path, body === undefined ? {} : { json: body });
    ctx.expectError(reply, 404, 'not_found', about(`${method} ${path}`, documented));
  }
}

export const negUnknownIds: Check = {
  id: 'NEG-004',
  title: 'Unknown ids are 404 not_found',
  requirement: cite(
    'not_found 404 (no such resource or route in this organisation); openapi.yaml NotFound on every operation with an id.',
    section('Errors'),
    pointer('#/components/responses/NotFound'),
  ),
  run: unknownIds,
};
