/**
 * The MCP endpoint: `tools/call` of the demo server's `calculate` through our `/mcp/server` (the official SDK client,
 * one session), against the same client calling the demo server directly. Both sides are the same client library, so
 * the difference is what the gateway adds: authentication, the rate-limit stage, the session, resolving the aggregated
 * name, the invoke use case (quota, argument validation) and the usage row. Self-hosted, as the gateway scenario.
 */
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { connectDirect, type DirectMcp } from '../direct-mcp.js';
import { alternate, closedLoop } from '../load.js';
import { fmt, type Scenario } from '../model.js';
import { seedDatabase } from '../seed.js';
import { type Running, startApiServer, startDemoMcp } from '../subjects.js';

const TOOL = { name: 'calculate', arguments: { operation: 'multiply', a: 6, b: 7 } };

/** The aggregated name of `calculate` on the seeded MCP server `mcpId`, as the endpoint lists it. */
async function aggregatedName(url: string, headers: Record<string, string>, mcpId: string): Promise<string> {
  const client = new Client({ name: 'plexmcp-bench-list', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  try {
    const { tools } = await client.listTools();
    const found = tools.find((t) => {
      const meta = t._meta?.['plexmcp/mcp'] as { id?: string; tool?: string } | undefined;
      return meta?.id === mcpId && meta.tool === TOOL.name;
    });
    if (!found) throw new Error(`tools/list has no ${TOOL.name} of ${mcpId}`);
    return found.name;
  } finally {
    await client.close();
  }
}

export const mcpEndpointScenario: Scenario = async ({ config, dir, log }) => {
  const started: Running[] = [];
  const clients: DirectMcp[] = [];
  try {
    const demo = await startDemoMcp(dir);
    started.push(demo);
    const db = await seedDatabase(join(dir, 'seed.db'), { upstreamUrl: demo.url });
    const ours = await startApiServer(db, dir, { name: 'mcp-endpoint', validateResponses: false });
    started.push(ours);
    const endpoint = `${ours.url}/mcp/server`;
    const headers = { authorization: `Bearer ${db.ownerKey}` };
    const name = await aggregatedName(endpoint, headers, db.mcpIds[0] ?? '');
    const direct = await connectDirect(demo.url, TOOL);
    const through = await connectDirect(endpoint, { ...TOOL, name }, headers);
    clients.push(direct, through);

    const run = (mcp: DirectMcp, concurrency: number) => (durationS: number) =>
      closedLoop(mcp.call, { durationS, concurrency });
    log(' throughput');
    const throughput = await alternate(
      [
        { name: 'direct', run: run(direct, config.connections) },
        { name: 'endpoint', run: run(through, config.connections) },
      ],
      config,
      log,
    );
    log(' latency (one call at a time)');
    const latency = await alternate(
      [
        { name: 'direct', run: run(direct, 1) },
        { name: 'endpoint', run: run(through, 1) },
      ],
      { ...config, warmupS: Math.min(config.warmupS, 1) },
      log,
    );
    const dT = throughput.direct?.median;
    const eT = throughput.endpoint?.median;
    const dL = latency.direct?.median;
    const eL = latency.endpoint?.median;
    if (!dT || !eT || !dL || !eL) throw new Error('missing results');
    const ratio = eT.perSecond / dT.perSecond;
    const added = eL.p50Ms - dL.p50Ms;
    return {
      id: 'mcp-endpoint',
      title: 'MCP endpoint: tools/call through /mcp/server vs the same SDK client calling the upstream directly',
      figures: { ratio, addedP50Ms: added, throughput, latency },
      rows: [
        {
          measure: `tool calls/s (${config.connections} concurrent, one session)`,
          subject: fmt.rate(eT.perSecond),
          baseline: `direct ${fmt.rate(dT.perSecond)}`,
          result: fmt.ratio(ratio),
          target: '',
          met: null,
        },
        {
          measure: 'added p50 latency (1 call at a time)',
          subject: `${fmt.ms(eL.p50Ms)} (p99 ${fmt.ms(eL.p99Ms)})`,
          baseline: `${fmt.ms(dL.p50Ms)} (p99 ${fmt.ms(dL.p99Ms)})`,
          result: `+${fmt.ms(added)}`,
          target: '',
          met: null,
        },
      ],
      notes: [
        `every call through the endpoint records a usage row durably; failed calls per round (median): endpoint ${eT.failed}, direct ${dT.failed}`,
      ],
    };
  } finally {
    for (const c of clients) await c.close().catch(() => {});
    for (const s of started.reverse()) await s.stop();
  }
};
