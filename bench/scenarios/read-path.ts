/**
 * The read path: GET /v1/mcps (authentication, validation, the store, a page of 20) against a bare Express handler
 * sending the same bytes from memory, with response validation on and off. Target: ours at least 0.5x the bare req/s.
 * A second baseline, Express + express-openapi-validator doing nothing else, shows the floor the validated framework
 * leaves for everything else we do.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { alternate, type HttpLoad, httpLoad } from '../load.js';
import { fmt, type Row, type Scenario } from '../model.js';
import { seedDatabase } from '../seed.js';
import { type Running, startApiServer, startFloor } from '../subjects.js';

export const TARGET_READ_RATIO = 0.5;

export const readPath: Scenario = async ({ config, dir, log }) => {
  const db = await seedDatabase(join(dir, 'seed.db'));
  const started: Running[] = [];
  try {
    const validating = await startApiServer(db, dir, { name: 'validation-on', validateResponses: true });
    started.push(validating);
    const plain = await startApiServer(db, dir, { name: 'validation-off', validateResponses: false });
    started.push(plain);
    const headers = { authorization: `ApiKey ${db.ownerKey}` };
    const response = await fetch(`${plain.url}/v1/mcps`, { headers });
    const body = Buffer.from(await response.arrayBuffer());
    const page = JSON.parse(body.toString('utf8')) as { data?: unknown[] };
    if (response.status !== 200 || page.data?.length !== 20)
      throw new Error(`GET /v1/mcps answered ${response.status} with ${page.data?.length} items`);
    const bodyFile = join(dir, 'mcps.json');
    writeFileSync(bodyFile, body);
    const bare = await startFloor(dir, bodyFile, 'bare');
    started.push(bare);
    const floor = await startFloor(dir, bodyFile, 'validator');
    started.push(floor);

    const load = (url: string): HttpLoad => ({ url: `${url}/v1/mcps`, headers });
    const options = { durationS: config.durationS, connections: config.connections };
    const results = await alternate(
      [
        { name: 'bare', run: (durationS) => httpLoad(load(bare.url), { ...options, durationS }) },
        { name: 'validator-floor', run: (durationS) => httpLoad(load(floor.url), { ...options, durationS }) },
        { name: 'validation-on', run: (durationS) => httpLoad(load(validating.url), { ...options, durationS }) },
        { name: 'validation-off', run: (durationS) => httpLoad(load(plain.url), { ...options, durationS }) },
      ],
      config,
      log,
    );
    const base = results.bare?.median;
    if (!base) throw new Error('no baseline result');
    const rows: Row[] = [];
    const figures: Record<string, unknown> = { responseBytes: body.length, connections: config.connections, results };
    const validated = results['validator-floor']?.median;
    if (validated) {
      figures['validator-floor.ratio'] = validated.perSecond / base.perSecond;
      rows.push({
        measure: 'framework floor: Express + express-openapi-validator, nothing else, req/s',
        subject: fmt.rate(validated.perSecond),
        baseline: `bare Express ${fmt.rate(base.perSecond)}`,
        result: fmt.ratio(validated.perSecond / base.perSecond),
        target: '',
        met: null,
      });
    }
    for (const variant of ['validation-on', 'validation-off'] as const) {
      const ours = results[variant]?.median;
      if (!ours) continue;
      const ratio = ours.perSecond / base.perSecond;
      figures[`${variant}.ratio`] = ratio;
      rows.push(
        {
          measure: `GET /v1/mcps req/s, response ${variant.replace('-', ' ')}`,
          subject: fmt.rate(ours.perSecond),
          baseline: `bare Express ${fmt.rate(base.perSecond)}`,
          result: fmt.ratio(ratio),
          target: `>= ${TARGET_READ_RATIO}x`,
          met: ratio >= TARGET_READ_RATIO,
        },
        {
          measure: `GET /v1/mcps p50 / p99, ${variant.replace('-', ' ')}`,
          subject: `${fmt.ms(ours.p50Ms)} / ${fmt.ms(ours.p99Ms)}`,
          baseline: `${fmt.ms(base.p50Ms)} / ${fmt.ms(base.p99Ms)}`,
          result: `+${fmt.ms(ours.p50Ms - base.p50Ms)} p50`,
          target: '',
          met: null,
        },
      );
      if (validated) {
        rows.push({
          measure: `GET /v1/mcps req/s vs the framework floor, response ${variant.replace('-', ' ')}`,
          subject: fmt.rate(ours.perSecond),
          baseline: `Express + validator ${fmt.rate(validated.perSecond)}`,
          result: fmt.ratio(ours.perSecond / validated.perSecond),
          target: '',
          met: null,
        });
      }
    }
    return {
      id: 'read-path',
      title: 'Read path: GET /v1/mcps vs bare Express',
      figures,
      rows,
      notes: [
        `${config.connections} connections; the page is ${body.length} bytes; failed responses (median per round): ${results['validation-on']?.median.failed ?? 0} / ${results['validation-off']?.median.failed ?? 0}`,
      ],
    };
  } finally {
    for (const s of started.reverse()) await s.stop();
  }
};
