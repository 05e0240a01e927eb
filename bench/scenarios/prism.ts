/**
 * Against the mock users would otherwise run: the same GET /v1/mcps against Prism (`prism mock openapi.yaml`) serving
 * the same contract. Ours runs as `npm start` does by default (response validation on). Target: at least 3x Prism's req/s.
 */
import { join } from 'node:path';
import { alternate, httpLoad } from '../load.js';
import { fmt, type Scenario } from '../model.js';
import { seedDatabase } from '../seed.js';
import { type Running, startApiServer, startPrism } from '../subjects.js';

export const TARGET_PRISM_RATIO = 3;

export const prismScenario: Scenario = async ({ config, dir, log }) => {
  const db = await seedDatabase(join(dir, 'seed.db'));
  const started: Running[] = [];
  try {
    const ours = await startApiServer(db, dir, { name: 'ours', validateResponses: true });
    started.push(ours);
    const prism = await startPrism(dir);
    started.push(prism);
    const headers = { authorization: `ApiKey ${db.ownerKey}` };
    const check = await fetch(`${prism.url}/v1/mcps`, { headers });
    await check.arrayBuffer();
    if (check.status !== 200) throw new Error(`Prism answered GET /v1/mcps with ${check.status}`);
    const options = { durationS: config.durationS, connections: config.connections };
    const results = await alternate(
      [
        {
          name: 'prism',
          run: (durationS) => httpLoad({ url: `${prism.url}/v1/mcps`, headers }, { ...options, durationS }),
        },
        {
          name: 'ours',
          run: (durationS) => httpLoad({ url: `${ours.url}/v1/mcps`, headers }, { ...options, durationS }),
        },
      ],
      config,
      log,
    );
    const p = results.prism?.median;
    const o = results.ours?.median;
    if (!p || !o) throw new Error('missing results');
    const ratio = o.perSecond / p.perSecond;
    return {
      id: 'prism',
      title: 'GET /v1/mcps: ours vs the Prism mock',
      figures: { ratio, results },
      rows: [
        {
          measure: 'GET /v1/mcps req/s vs Prism mock',
          subject: fmt.rate(o.perSecond),
          baseline: `Prism ${fmt.rate(p.perSecond)}`,
          result: fmt.ratio(ratio),
          target: `>= ${TARGET_PRISM_RATIO}x`,
          met: ratio >= TARGET_PRISM_RATIO,
        },
        {
          measure: 'GET /v1/mcps p50 / p99 vs Prism mock',
          subject: `${fmt.ms(o.p50Ms)} / ${fmt.ms(o.p99Ms)}`,
          baseline: `${fmt.ms(p.p50Ms)} / ${fmt.ms(p.p99Ms)}`,
          result: '',
          target: '',
          met: null,
        },
      ],
      notes: [
        "Prism answers from the contract's examples (static); ours authenticates, validates and reads 20 MCPs from the store.",
      ],
    };
  } finally {
    for (const s of started.reverse()) await s.stop();
  }
};
