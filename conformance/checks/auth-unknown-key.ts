import { randomInt } from 'node:crypto';
import { about, cite, section } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';
import { everyOperationRefuses } from '../probes/every-operation.js';

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A well-formed key nobody issued, and a malformed one, are 401 unauthorized in all three accepted forms. */
async function unknownKey(ctx: CheckContext): Promise<void> {
  const forged = `pmcp_${Array.from({ length: 43 }, () => BASE62[randomInt(BASE62.length)]).join('')}`;
  ctx.addSecret(forged);
  const documented = cite('401 unauthorized', section('Errors'));
  for (const scheme of ['ApiKey', 'Bearer', 'X-API-Key'] as const) {
    const reply = await ctx.http.send('GET', '/v1/organization', { auth: { key: forged, scheme } });
    ctx.expectError(reply, 401, 'unauthorized', about(`${scheme}`, documented));
  }
  const malformed = await ctx.http.send('GET', '/v1/organization', { auth: { key: 'not-a-plexmcp-key' } });
  ctx.expectError(malformed, 401, 'unauthorized', documented);
  await everyOperationRefuses(ctx, forged, 'unauthorized', about('every operation', documented), 'unknown-accepted');
}

export const authUnknownKey: Check = {
  id: 'AUTH-003',
  title: 'Unknown or malformed key answers 401 unauthorized',
  requirement: cite(
    'unauthorized 401 for a missing, malformed or unknown key, whichever of the three accepted forms carries it.',
    section('Errors'),
  ),
  run: unknownKey,
};
