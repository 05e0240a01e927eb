import { cite, section } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';

/** A body in a content type the operation does not document is 400 invalid_request (the contract maps wrong content types there). */
async function wrongContentType(ctx: CheckContext): Promise<void> {
  const documented = cite('400 invalid_request', section('Errors'));
  const body = JSON.stringify({ mcp_id: `${ctx.runPrefix}none`, tool: 'echo', arguments: {} });
  for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
    const reply = await ctx.http.send('POST', '/mcp', { rawBody: body, headers: { 'Content-Type': type } });
    // 415 is HTTP's own answer; the contract chose 400 invalid_request, so 415 is reported as a deviation.
    ctx.expectError(reply, 400, 'invalid_request', documented);
  }
}

export const envContentType: Check = {
  id: 'ENV-005',
  title: 'A wrong Content-Type answers 400 invalid_request',
  requirement: cite(
    'invalid_request 400 covers a wrong content type; request bodies are documented as application/json only.',
    section('Errors'),
  ),
  run: wrongContentType,
};
