import { cite, section } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';

/** Shapes that betray internals: stack frames, file paths of the server, SQL. */
const LEAKS: [RegExp, string][] = [
  [/\bat [\w$.<>]+ \(?[^()\s]+:\d+:\d+\)?/, 'a stack frame'],
  [/node_modules\//, 'a node_modules path'],
  [/\b(SELECT|INSERT|UPDATE|DELETE)\b[^"]{0,40}\b(FROM|INTO|SET)\b/, 'SQL'],
  [/SQLITE_[A-Z]+/, 'a SQLite error'],
];

/** No error response the run received exposes a stack trace, a server path or SQL. */
async function noInternals(ctx: CheckContext): Promise<void> {
  let seen = 0;
  for (const exchange of ctx.recorded) {
    const r = exchange.response;
    if (!r || r.status < 400) continue;
    seen++;
    for (const [pattern, what] of LEAKS) {
      if (pattern.test(r.body)) {
        ctx.findings.push({
          severity: 'fail',
          message: `a ${r.status} response exposes ${what}`,
          documented: cite('internal_error 500: no stack, no internals', section('Errors')),
          exchange,
        });
        break;
      }
    }
  }
  if (!seen) {
    const reply = await ctx.http.send('GET', '/v1/mcps', { query: { per_page: 'NaN' } });
    ctx.expect(!LEAKS.some(([p]) => p.test(reply.text)), 'an error response exposes internals', {
      reply,
      documented: cite('no stack, no internals', section('Errors')),
    });
  }
  ctx.verified('error responses', Math.max(seen, 1));
  ctx.note(`${seen} error responses inspected`);
}

export const envNoInternals: Check = {
  id: 'ENV-008',
  title: 'Error responses expose no internals',
  requirement: cite(
    'internal_error 500 (no stack, no internals); every error is the envelope with a message for people.',
    section('Errors'),
  ),
  run: noInternals,
};
