import { cite, section } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';

/**
 * A body larger than the server's limit (MCP_MAX_REQUEST_BODY_BYTES, 10 MiB by default) is 413 payload_too_large in
 * the envelope. A deployment with a higher limit is skipped with the size it accepted.
 */
async function oversizeBody(ctx: CheckContext): Promise<void> {
  const size = ctx.config.oversizeBytes;
  const head = `{"mcp_id":"${ctx.runPrefix}none","tool":"echo","arguments":{"pad":"`;
  const tail = '"}}';
  const body = head + 'x'.repeat(Math.max(0, size - head.length - tail.length)) + tail;
  let reply: Awaited<ReturnType<typeof ctx.http.send>>;
  try {
    reply = await ctx.http.send('POST', '/mcp', {
      rawBody: body,
      headers: { 'Content-Type': 'application/json' },
      timeoutMs: Math.max(ctx.config.requestTimeoutMs, 60_000),
    });
  } catch (error) {
    const last = ctx.recorded[ctx.recorded.length - 1];
    ctx.warn(
      `inconclusive: no response to a ${size}-byte body (${last?.networkError ?? (error as Error).message}); a server may answer 413 and close before the upload ends`,
      { documented: cite('413 payload_too_large in the envelope', section('Request handling')) },
    );
    return;
  }
  if (reply.status === 413) {
    ctx.expectError(reply, 413, 'payload_too_large', cite('413 payload_too_large', section('Errors')));
    return;
  }
  if (reply.status >= 500) {
    ctx.fail(`a ${size}-byte body caused ${reply.status}`, {
      reply,
      documented: cite('413 payload_too_large, never 5xx', section('Request handling')),
    });
    return;
  }
  ctx.skip(
    `the server accepted a ${size}-byte body (answered ${reply.status}); its limit is higher than the probe (see --oversize-bytes)`,
  );
}

export const envOversizeBody: Check = {
  id: 'ENV-006',
  title: 'An oversize body answers 413 payload_too_large',
  requirement: cite(
    'payload_too_large 413; "Configuration": MCP_MAX_REQUEST_BODY_BYTES (10485760); "Envelope": oversize bodies are answered in the envelope.',
    section('Errors'),
  ),
  run: oversizeBody,
};
