/** The write path: POST /v1/api-keys on a real file database; every 201 is a durable write (the key row is on disk). */
import { join } from 'node:path';
import { alternate, httpLoad } from '../load.js';
import { fmt, type Scenario } from '../model.js';
import { seedDatabase } from '../seed.js';
import { type Running, startApiServer } from '../subjects.js';

export const writePath: Scenario = async ({ config, dir, log }) => {
  const db = await seedDatabase(join(dir, 'seed.db'));
  let server: Running | undefined;
  try {
    server = await startApiServer(db, dir, { name: 'write-path', validateResponses: true });
    const request = {
      url: `${server.url}/v1/api-keys`,
      method: 'POST' as const,
      headers: { authorization: `ApiKey ${db.ownerKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bench key', description: 'created by the write-path benchmark' }),
    };
    const first = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body });
    const text = await first.text();
    if (first.status !== 201) throw new Error(`POST /v1/api-keys answered ${first.status}: ${text}`);
    const target = server;
    const results = await alternate(
      [
        {
          name: 'create-key',
          run: (durationS) =>
            httpLoad({ ...request, url: `${target.url}/v1/api-keys` }, { durationS, connections: config.connections }),
        },
      ],
      config,
      log,
    );
    const r = results['create-key']?.median;
    if (!r) throw new Error('missing results');
    return {
      id: 'write-path',
      title: 'Write path: POST /v1/api-keys, durable',
      figures: { results },
      rows: [
        {
          measure: `POST /v1/api-keys durable writes/s (${config.connections} concurrent)`,
          subject: fmt.rate(r.perSecond),
          baseline: '',
          result: fmt.rate(r.perSecond),
          target: '',
          met: null,
        },
        {
          measure: 'POST /v1/api-keys p50 / p99',
          subject: `${fmt.ms(r.p50Ms)} / ${fmt.ms(r.p99Ms)}`,
          baseline: '',
          result: '',
          target: '',
          met: null,
        },
      ],
      notes: [
        `each 201 is answered only once the new key is on disk; failed responses per round (median): ${r.failed}`,
      ],
    };
  } finally {
    await server?.stop();
  }
};
