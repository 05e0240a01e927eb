import { cite, section, standard } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';

const CASES: { method: string; path: string; allowed: string[] }[] = [
  { method: 'PUT', path: '/v1/mcps', allowed: ['GET', 'POST'] },
  { method: 'DELETE', path: '/v1/organization', allowed: ['GET', 'PATCH'] },
  { method: 'POST', path: '/v1/usage', allowed: ['GET'] },
];

/** A documented path with an undocumented method is 405 method_not_allowed with an Allow header naming the documented methods. */
async function wrongMethod(ctx: CheckContext): Promise<void> {
  for (const c of CASES) {
    const reply = await ctx.http.send(
      c.method,
      c.path,
      c.method === 'GET' || c.method === 'DELETE' ? {} : { json: {} },
    );
    const documented = cite(`405 method_not_allowed with Allow: ${c.allowed.join(', ')}`, section('Errors'));
    if (!ctx.expectError(reply, 405, 'method_not_allowed', documented)) continue;
    const allow = (reply.headers.allow ?? '').toUpperCase().split(/\s*,\s*/);
    const missing = c.allowed.filter((m) => !allow.includes(m));
    ctx.expect(
      missing.length === 0,
      `Allow is ${JSON.stringify(reply.headers.allow ?? null)}, missing ${missing.join(', ')}`,
      { reply, documented },
    );
  }
}

export const envWrongMethod: Check = {
  id: 'ENV-003',
  title: 'Wrong methods answer 405 method_not_allowed with Allow',
  requirement: cite(
    'method_not_allowed 405 (+ Allow, RFC 9110 §15.5.6); the envelope covers wrong methods.',
    section('Errors'),
    standard('RFC 9110 §15.5.6'),
  ),
  run: wrongMethod,
};
