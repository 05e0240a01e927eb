import { randomBytes } from 'node:crypto';
import { cite, pointer, section } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';

/** X-Request-Id is unique per request, and the client's own valid X-Request-Id is echoed back. */
async function requestIds(ctx: CheckContext): Promise<void> {
  const documented = cite(
    "X-Request-Id: a unique id, the client's own when it sent a valid one",
    pointer('#/components/headers/X-Request-Id'),
  );
  const a = await ctx.http.send('GET', '/v1/organization');
  const b = await ctx.http.send('GET', '/v1/organization');
  if (ctx.expectRequestId(a) && ctx.expectRequestId(b)) {
    ctx.expect(a.headers['x-request-id'] !== b.headers['x-request-id'], 'two requests got the same X-Request-Id', {
      reply: b,
      documented,
    });
  }
  const own = `conf-${randomBytes(8).toString('hex')}`;
  const echoed = await ctx.http.send('GET', '/v1/organization', { headers: { 'X-Request-Id': own } });
  ctx.expect(
    echoed.headers['x-request-id'] === own,
    `sent X-Request-Id ${own}, received ${echoed.headers['x-request-id'] ?? '(none)'}`,
    { reply: echoed, documented },
  );
  const error = await ctx.http.send('GET', '/v1/mcps', { auth: 'none', headers: { 'X-Request-Id': own } });
  ctx.expect(
    error.headers['x-request-id'] === own,
    `an error response did not echo X-Request-Id ${own} (received ${error.headers['x-request-id'] ?? '(none)'})`,
    { reply: error, documented },
  );
  const tooLong = 'x'.repeat(200);
  const replaced = await ctx.http.send('GET', '/v1/organization', { headers: { 'X-Request-Id': tooLong } });
  const got = replaced.headers['x-request-id'] ?? '';
  ctx.expect(
    got.length >= 1 && got.length <= 128,
    `an invalid (200-character) X-Request-Id was answered with ${got.length} characters`,
    {
      reply: replaced,
      documented: cite('X-Request-Id: 1..128 characters', pointer('#/components/headers/X-Request-Id')),
    },
  );
}

export const envRequestId: Check = {
  id: 'ENV-007',
  title: 'X-Request-Id is unique and echoes a valid client id',
  requirement: cite(
    "every response carries X-Request-Id; the client's own X-Request-Id when it sent a valid one, 1..128 characters.",
    section('Envelope'),
  ),
  run: requestIds,
};
