import { cite, operation, pointer, section } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';

/** Read-only operations that need no ids: each must answer 200 in the success (or list) envelope. */
const READS: [string, boolean][] = [
  ['/v1/organization', false],
  ['/v1/usage', false],
  ['/v1/organization/usage', false],
  ['/v1/mcps', true],
  ['/v1/api-keys', true],
  ['/v1/organization/members', true],
  ['/v1/usage/history', true],
];

/** Success responses of every id-free read use `{ success: true, data }` (lists add `pagination`) and carry X-Request-Id. */
async function successEnvelopes(ctx: CheckContext): Promise<void> {
  const health = await ctx.http.send('GET', '/health', { auth: 'none' });
  ctx.expectSuccess(health, 200, cite('GET /health: 200 Health, no authentication', operation('getHealth')));
  for (const [path, list] of READS) {
    const reply = await ctx.http.send('GET', path);
    ctx.expectSuccess(
      reply,
      200,
      cite(`GET ${path}: 200 in the ${list ? 'list' : 'success'} envelope`, section('Envelope')),
      list,
    );
  }
}

export const envSuccessEnvelope: Check = {
  id: 'ENV-001',
  title: 'Success responses use the success envelope with X-Request-Id',
  requirement: cite(
    'success is { success: true, data } (lists add pagination) and every response carries X-Request-Id; openapi.yaml SuccessEnvelope/ListEnvelope.',
    section('Envelope'),
    pointer('#/components/schemas/SuccessEnvelope'),
    pointer('#/components/schemas/ListEnvelope'),
  ),
  run: successEnvelopes,
};
