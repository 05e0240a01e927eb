/**
 * Scale on PostgreSQL: the read path (GET /v1/mcps) and tool calls (POST /mcp to the demo MCP) on the embedded sql.js
 * default, on PostgreSQL with one server process, and on PostgreSQL with two workers (PLEXMCP_WORKERS=2, one port).
 * The PostgreSQL database is the seeded one, moved with `plexmcp-admin migrate --to`. Target: two workers at least
 * 1.3x one. Needs a PostgreSQL server: BENCH_DATABASE_URL, or PLEXMCP_TEST_DATABASE_URL from scripts/services.sh.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase } from '../../test/support/databases.js';
import { alternate, type HttpLoad, httpLoad } from '../load.js';
import { fmt, type Row, type Scenario } from '../model.js';
import { spawnTs } from '../processes.js';
import { type SeededDatabase, seedDatabase } from '../seed.js';
import { type Running, startApiServer, startDemoMcp } from '../subjects.js';

export const TARGET_WORKERS_RATIO = 1.3;

function secretsOf(db: SeededDatabase) {
  return { API_KEY_HMAC_SECRET: db.hmacSecret, PLEXMCP_ENCRYPTION_KEY: db.encryptionKey };
}

/** `server/main.ts` on PostgreSQL with `workers` processes; ready once every worker listens. */
async function startPostgresServer(db: SeededDatabase, dir: string, url: string, workers: number): Promise<Running> {
  const child = await spawnTs('server/main.ts', {
    logPath: join(dir, `postgres-${workers}.log`),
    ready: new RegExp(`(?:PlexMCP server listening on (http://[^\\s()]+)[\\s\\S]*?){${workers}}`),
    env: {
      DATABASE_URL: url,
      ...secretsOf(db),
      BIND_ADDRESS: '127.0.0.1:0',
      PLEXMCP_WORKERS: String(workers),
      PLEXMCP_SELF_HOSTED: 'true',
      PLEXMCP_ALLOW_PRIVATE_MCP_URLS: 'true',
      PLEXMCP_HEALTH_CHECK_INTERVAL_MS: '0',
      PLEXMCP_VALIDATE_RESPONSES: 'true',
      LOG_LEVEL: 'info',
      NODE_ENV: '',
    },
  });
  return { url: child.match[1] ?? '', pid: child.process.pid, stop: () => child.stop() };
}

/** Copies the seeded database into a fresh PostgreSQL database with the admin CLI. */
async function migrated(db: SeededDatabase, dir: string, url: string): Promise<void> {
  const copy = join(dir, 'migrate-source.db');
  copyFileSync(db.path, copy);
  const child = await spawnTs('server/admin/cli.ts', {
    args: ['migrate', '--to', url],
    logPath: join(dir, 'migrate.log'),
    ready: /"migrated_to"|Error|error/,
    env: { DATABASE_URL: `file:${copy}`, ...secretsOf(db) },
  });
  if (!/"migrated_to"/.test(child.match[0])) throw new Error(`migrate failed: see ${child.logPath}`);
  // It may have exited already (its output is read from a file after the fact).
  if (child.process.exitCode === null && child.process.signalCode === null)
    await new Promise<void>((resolve) => child.process.once('exit', () => resolve()));
}

export const scaleScenario: Scenario = async ({ config, dir, log }) => {
  const server = process.env.BENCH_DATABASE_URL || process.env.PLEXMCP_TEST_DATABASE_URL;
  if (!server)
    throw new Error('scale needs PostgreSQL: set BENCH_DATABASE_URL, or eval "$(bash scripts/services.sh start)"');
  const started: Running[] = [];
  const database = await createTestDatabase(server);
  try {
    const demo = await startDemoMcp(dir);
    started.push(demo);
    const db = await seedDatabase(join(dir, 'seed.db'), { upstreamUrl: demo.url });
    await migrated(db, dir, database.url);
    const subjects = {
      'sql.js': await startApiServer(db, dir, { name: 'sqljs', validateResponses: true }),
      'postgres-1': await startPostgresServer(db, dir, database.url, 1),
      'postgres-2': await startPostgresServer(db, dir, database.url, 2),
    };
    started.push(...Object.values(subjects));
    const headers = { authorization: `ApiKey ${db.ownerKey}` };
    const read = (url: string): HttpLoad => ({ url: `${url}/v1/mcps`, headers });
    const call = (url: string): HttpLoad => ({
      url: `${url}/mcp`,
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ mcp_id: db.mcpIds[0], tool: 'calculate', arguments: { operation: 'add', a: 2, b: 3 } }),
    });
    for (const [name, subject] of Object.entries(subjects)) {
      for (const load of [read(subject.url), call(subject.url)]) {
        const reply = await fetch(load.url, { method: load.method ?? 'GET', headers: load.headers, body: load.body });
        if (reply.status !== 200)
          throw new Error(`${name} ${load.url} answered ${reply.status}: ${await reply.text()}`);
      }
    }
    const options = { durationS: config.durationS, connections: config.connections };
    const rows: Row[] = [];
    const figures: Record<string, unknown> = { connections: config.connections };
    for (const [what, load] of [
      ['GET /v1/mcps', read],
      ['POST /mcp', call],
    ] as const) {
      log(` ${what}`);
      const results = await alternate(
        Object.entries(subjects).map(([name, subject]) => ({
          name,
          run: (durationS: number) => httpLoad(load(subject.url), { ...options, durationS }),
        })),
        config,
        log,
      );
      figures[what] = results;
      const [sqljs, one, two] = [results['sql.js'], results['postgres-1'], results['postgres-2']].map((r) => r?.median);
      if (!sqljs || !one || !two) throw new Error(`${what}: a subject has no result`);
      rows.push(
        {
          measure: `${what} req/s, PostgreSQL, one process`,
          subject: fmt.rate(one.perSecond),
          baseline: `sql.js ${fmt.rate(sqljs.perSecond)}`,
          result: fmt.ratio(one.perSecond / sqljs.perSecond),
          target: '',
          met: null,
        },
        {
          measure: `${what} req/s, PostgreSQL, two workers (PLEXMCP_WORKERS=2)`,
          subject: fmt.rate(two.perSecond),
          baseline: `one process ${fmt.rate(one.perSecond)}`,
          result: fmt.ratio(two.perSecond / one.perSecond),
          target: `>= ${TARGET_WORKERS_RATIO}x`,
          met: two.perSecond / one.perSecond >= TARGET_WORKERS_RATIO,
        },
        {
          measure: `${what} p50, sql.js / PostgreSQL one process / two workers`,
          subject: `${fmt.ms(sqljs.p50Ms)} / ${fmt.ms(one.p50Ms)} / ${fmt.ms(two.p50Ms)}`,
          baseline: '',
          result: '',
          target: '',
          met: null,
        },
      );
    }
    return {
      id: 'scale',
      title: 'Scale: sql.js vs PostgreSQL, one process vs two workers',
      figures,
      rows,
      notes: [
        `${config.connections} connections from the bench process, which shares the machine's CPUs with the servers, PostgreSQL and the demo MCP; every tool call records a usage row`,
      ],
    };
  } finally {
    for (const s of started.reverse()) await s.stop();
    await database.drop();
  }
};
