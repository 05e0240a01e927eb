/**
 * The mixed load of the growth and soak scenarios: what a dashboard and its agents do together, at a fixed offered rate
 * (BENCH_MIX_RATE, 200 req/s by default) so that a slower server shows up as latency, not as fewer requests. Each
 * connection cycles through: list MCPs, a tool call through the gateway (a usage row recorded durably), the usage
 * history, the month's usage summary, the organisation.
 */
import type autocannon from 'autocannon';
import { autocannonLoad, type LoadResult } from './load.js';

export interface MixedTarget {
  url: string;
  key: string;
  /** The MCP whose upstream answers tool calls (the demo server). */
  mcpId: string;
}

export function mixedRequests(target: MixedTarget): autocannon.Request[] {
  const headers = { authorization: `ApiKey ${target.key}` };
  return [
    { method: 'GET', path: '/v1/mcps', headers },
    {
      method: 'POST',
      path: '/mcp',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        mcp_id: target.mcpId,
        tool: 'calculate',
        arguments: { operation: 'multiply', a: 6, b: 7 },
      }),
    },
    { method: 'GET', path: '/v1/usage/history', headers },
    { method: 'GET', path: '/v1/usage?period=month', headers },
    { method: 'GET', path: '/v1/organization', headers },
  ];
}

/** `durationS` of the mix at `rate` requests per second over `connections`; latencies per response (float ms), 2xx only. */
export function mixedLoad(
  target: MixedTarget,
  options: { durationS: number; connections: number; rate: number },
): Promise<LoadResult> {
  return autocannonLoad({
    url: target.url,
    requests: mixedRequests(target),
    connections: options.connections,
    overallRate: options.rate,
    duration: options.durationS,
  });
}
