import { cite, section } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';

/** The documented key forms all authenticate: ApiKey (scheme case-insensitive), Bearer and X-API-Key. */
async function acceptedForms(ctx: CheckContext): Promise<void> {
  const key = ctx.config.apiKey;
  const forms: [string, string, string][] = [
    ['ApiKey', 'Authorization', `ApiKey ${key}`],
    ['apikey (lower case)', 'Authorization', `apikey ${key}`],
    ['Bearer', 'Authorization', `Bearer ${key}`],
    ['X-API-Key', 'X-API-Key', key],
  ];
  for (const [label, header, value] of forms) {
    const reply = await ctx.http.send('GET', '/v1/organization', { auth: { header, value } });
    ctx.expectSuccess(reply, 200, cite(`${label}: 200`, section('Authentication')));
  }
}

export const authAcceptedForms: Check = {
  id: 'AUTH-004',
  title: 'ApiKey, Bearer and X-API-Key all authenticate',
  requirement: cite(
    'Authorization: ApiKey <key> is documented; Bearer and X-API-Key are accepted too; the scheme name is case-insensitive.',
    section('Authentication'),
  ),
  run: acceptedForms,
};
