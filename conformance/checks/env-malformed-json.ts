import { cite, section } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';

/** A body that is not JSON, sent as application/json, is 400 invalid_request in the envelope (never 5xx). */
async function malformedJson(ctx: CheckContext): Promise<void> {
  const documented = cite('400 invalid_request', section('Errors'));
  for (const raw of ['{"mcp_id": "x", "tool":', '{mcp_id: x}', 'not json at all']) {
    const reply = await ctx.http.send('POST', '/mcp', {
      rawBody: raw,
      headers: { 'Content-Type': 'application/json' },
    });
    ctx.expectError(reply, 400, 'invalid_request', documented);
  }
}

export const envMalformedJson: Check = {
  id: 'ENV-004',
  title: 'Malformed JSON answers 400 invalid_request',
  requirement: cite(
    'invalid_request 400 covers malformed JSON; "Envelope": malformed JSON is answered in the envelope.',
    section('Errors'),
  ),
  run: malformedJson,
};
