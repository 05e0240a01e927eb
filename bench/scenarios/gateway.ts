/**
 * The gateway: POST /mcp invoking the demo server's `calculate` through our server, against the SDK client calling
 * the same demo server directly. Throughput at the configured concurrency; added latency at concurrency 1 (under load
 * p50 is mostly queueing). Self-hosted, so no rate limit or quota is in the way; every call still records a usage row
 * (a durable write), which is part of what is measured. Targets: throughput ratio >= 0.6, added p50 <= 2 ms.
 */
import { join } from 'node:path';
import { connectDirect, type DirectMcp } from '../direct-mcp.js';
import { alternate, closedLoop, httpLoad } from '../load.js';
import { fmt, type Scenario } from '../model.js';
import { seedDatabase } from '../seed.js';
import { type Running, startApiServer, startDemoMcp } from '../subjects.js';

export const TARGET_GATEWAY_RATIO = 0.6;
export const TARGET_ADDED_P50_MS = 2;

const TOOL = { name: 'calculate', arguments: { operation: 'multiply', a: 6, b: 7 } };

export const gatewayScenario: Scenario = async ({ config, dir, log }) => {
  const started: Running[] = [];
  let direct: DirectMcp | undefined;
  try {
    const demo = await startDemoMcp(dir);
    started.push(demo);
    const db = await seedDatabase(join(dir, 'seed.db'), { upstreamUrl: demo.url });
    const validateResponses = process.env.BENCH_VALIDATE_RESPONSES !== 'false';
    const ours = await startApiServer(db, dir, { name: 'gateway', validateResponses });
    started.push(ours);
    direct = await connectDirect(demo.url, TOOL);
    const request = {
      url: `${ours.url}/mcp`,
      method: 'POST' as const,
      headers: { authorization: `ApiKey ${db.ownerKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ mcp_id: db.mcpIds[0], tool: TOOL.name, arguments: TOOL.arguments }),
    };
    const first = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body });
    const firstBody = await first.text();
    if (first.status !== 200) throw new Error(`POST /mcp answered ${first.status}: ${firstBody}`);
    const call = direct.call;

    log(' throughput');
    const throughput = await alternate(
      [
        { name: 'direct', run: (durationS) => closedLoop(call, { durationS, concurrency: config.connections }) },
        { name: 'gateway', run: (durationS) => httpLoad(request, { durationS, connections: config.connections }) },
      ],
      config,
      log,
    );
    log(' latency (one call at a time)');
    const latency = await alternate(
      [
        { name: 'direct', run: (durationS) => closedLoop(call, { durationS, concurrency: 1 }) },
        { name: 'gateway', run: (durationS) => httpLoad(request, { durationS, connections: 1 }) },
      ],
      { ...config, warmupS: Math.min(config.warmupS, 1) },
      log,
    );
    const dT = throughput.direct?.median;
    const gT = throughput.gateway?.median;
    const dL = latency.direct?.median;
    const gL = latency.gateway?.median;
    if (!dT || !gT || !dL || !gL) throw new Error('missing results');
    const ratio = gT.perSecond / dT.perSecond;
    const added = gL.p50Ms - dL.p50Ms;
    return {
      id: 'gateway',
      title: 'Gateway: POST /mcp vs the SDK client calling the upstream directly',
      figures: {
        ratio,
        addedP50Ms: added,
        addedP50UnderLoadMs: gT.p50Ms - dT.p50Ms,
        validateResponses,
        throughput,
        latency,
      },
      rows: [
        {
          measure: `tool calls/s (${config.connections} concurrent)`,
          subject: fmt.rate(gT.perSecond),
          baseline: `direct SDK ${fmt.rate(dT.perSecond)}`,
          result: fmt.ratio(ratio),
          target: `>= ${TARGET_GATEWAY_RATIO}x`,
          met: ratio >= TARGET_GATEWAY_RATIO,
        },
        {
          measure: 'added p50 latency (1 call at a time)',
          subject: `${fmt.ms(gL.p50Ms)} (p99 ${fmt.ms(gL.p99Ms)})`,
          baseline: `${fmt.ms(dL.p50Ms)} (p99 ${fmt.ms(dL.p99Ms)})`,
          result: `+${fmt.ms(added)}`,
          target: `<= ${TARGET_ADDED_P50_MS} ms`,
          met: added <= TARGET_ADDED_P50_MS,
        },
        {
          measure: `p50 / p99 under load (${config.connections} concurrent)`,
          subject: `${fmt.ms(gT.p50Ms)} / ${fmt.ms(gT.p99Ms)}`,
          baseline: `${fmt.ms(dT.p50Ms)} / ${fmt.ms(dT.p99Ms)}`,
          result: `+${fmt.ms(gT.p50Ms - dT.p50Ms)} p50`,
          target: '',
          met: null,
        },
      ],
      notes: [
        `response validation ${validateResponses ? 'on' : 'off'} (BENCH_VALIDATE_RESPONSES); every call through the gateway also records a usage row durably (group commit); failed calls per round (median): gateway ${gT.failed}, direct ${dT.failed}`,
      ],
    };
  } finally {
    await direct?.close().catch(() => {});
    for (const s of started.reverse()) await s.stop();
  }
};
