import { cite, section } from '../citation.js';
import { type CheckContext, issueKind } from '../context.js';
import type { Check } from '../model.js';

/** Every response the run has received so far, from every check, matches the contract (status documented, body, headers). */
async function everyExchange(ctx: CheckContext): Promise<void> {
  const judged = ctx.recorded.filter((e) => e.response !== undefined);
  if (judged.length === 0) ctx.skip('no other check made a request in this run');
  const seen = new Set<string>();
  let failures = 0;
  for (const exchange of judged) {
    const verdict = ctx.oracle.judge(exchange, { basePath: ctx.basePath });
    for (const issue of verdict.issues) {
      // One finding per (operation, status, problem): a 300-request burst should not print 300 copies.
      const key = `${verdict.operation?.operationId ?? verdict.route}|${exchange.response?.status}|${issue.kind}|${issue.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      failures++;
      ctx.findings.push({
        severity: 'fail',
        message: `[${exchange.tag}] ${verdict.operation?.operationId ?? verdict.route}: ${issue.message}`,
        documented: issue.documented,
        kind: issueKind(issue),
        exchange,
      });
    }
  }
  ctx.verified('responses', judged.length);
  ctx.note(`${judged.length} exchanges judged, ${failures} distinct problems`);
}

export const schemaEveryExchange: Check = {
  id: 'SCHEMA-002',
  title: 'Every response of the run matches the contract',
  requirement: cite(
    'yaml: every response (success, error, framework errors) is documented for its operation, matches its schema, and carries the required headers (X-Request-Id; Retry-After on 429).',
    section('Envelope'),
  ),
  run: everyExchange,
};
