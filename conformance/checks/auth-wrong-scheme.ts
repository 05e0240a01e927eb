import { cite, section } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';

/** Credentials in an undocumented form are 401 unauthorized, even when the key itself is valid. */
async function wrongScheme(ctx: CheckContext): Promise<void> {
  const key = ctx.config.apiKey;
  const forms: [string, string, string][] = [
    ['Basic', 'Authorization', `Basic ${Buffer.from(`${key}:`).toString('base64')}`],
    ['Token', 'Authorization', `Token ${key}`],
    ['no scheme', 'Authorization', key],
    ['empty ApiKey', 'Authorization', 'ApiKey '],
    ['empty X-API-Key', 'X-API-Key', ''],
  ];
  for (const [label, header, value] of forms) {
    const reply = await ctx.http.send('GET', '/v1/organization', { auth: { header, value } });
    ctx.expectError(reply, 401, 'unauthorized', cite(`${label}: 401 unauthorized`, section('Authentication')));
  }
}

export const authWrongScheme: Check = {
  id: 'AUTH-002',
  title: 'Wrong authentication scheme answers 401 unauthorized',
  requirement: cite(
    'Authorization: ApiKey <key> (also Bearer and X-API-Key); anything else is a malformed key → 401 unauthorized.',
    section('Authentication'),
  ),
  run: wrongScheme,
};
