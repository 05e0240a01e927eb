/**
 * `npm run demo`: the whole loop on one machine, with no configuration. It starts the real server (`server/main.ts`
 * as a child process) on a temporary database with a known bootstrap key, starts the demo MCP server, registers it
 * and invokes a tool through the typed client, runs the conformance suite with writes allowed against the live server,
 * prints a report and commands to try next, and stops everything. The exit code is the suite's: 0 nothing failed,
 * 1 a check failed, 2 the demo itself could not run.
 *
 *   npm run demo               # everything, then stop
 *   npm run demo -- --keep     # keep the server and the demo MCP running afterwards, until Ctrl-C
 *   npm run demo -- --verbose  # one line per check
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPlexMcpClient, type PlexMcpClient } from '../client/index.js';
import { prettyReporter } from '../conformance/reporters/pretty.js';
import { runConformance } from '../conformance/runner.js';
import { type DemoMcpServer, startDemoMcpServer } from '../demo/mcp/server.js';
import { generateApiKey } from '../server/auth/api-key.js';
import { type Child, runTsx, startTsx } from './demo/child.js';
import { compactReporter, curlCommands } from './demo/report.js';

const write = (text: string) => void process.stdout.write(text);
const step = (label: string, text: string) => write(`${label.padEnd(12)} ${text}\n`);

/** Thrown for a step that did not work; the demo reports it and exits 2. */
class DemoError extends Error {}

function unwrap<T>(
  what: string,
  result: { data?: T; error?: { status: number; code: string | null; message: string } },
): T {
  if (result.data === undefined)
    throw new DemoError(`${what}: ${result.error?.status} ${result.error?.code}: ${result.error?.message}`);
  return result.data;
}

async function startServer(env: Record<string, string>): Promise<{ child: Child; url: string }> {
  const child = startTsx('server/main.ts', [], env);
  const match = await child.waitFor(/listening on (http:\/\/\S+)/, 60_000).catch(async (error: unknown) => {
    await child.stop();
    throw error;
  });
  return { child, url: match[1]! };
}

/**
 * A second organisation on the pro plan, made with plexmcp-admin (which works offline, on a stopped server's
 * database). The demo works in it: its 100 requests/s keep the suite quick while rate limits stay on. The default
 * organisation, whose key is the bootstrap key, is then "another organisation" for the isolation check (AUTH-009).
 */
async function createProOrganization(env: Record<string, string>): Promise<{ id: string; apiKey: string }> {
  const result = await runTsx(
    'server/admin/cli.ts',
    ['create-org', '--name', 'Demo organisation', '--plan', 'pro', '--owner-email', 'demo@localhost'],
    env,
  );
  if (result.code !== 0) throw new DemoError(`plexmcp-admin create-org failed:\n${result.output}`);
  const created = JSON.parse(result.stdout) as { organization_id: string; api_key: string };
  return { id: created.organization_id, apiKey: created.api_key };
}

async function registerAndInvoke(plexmcp: PlexMcpClient, endpointUrl: string): Promise<string> {
  const org = unwrap('GET /v1/organization', await plexmcp.GET('/v1/organization')).data;
  step('organisation', `${org.name} (${org.id}), plan ${org.plan}`);

  const mcp = unwrap(
    'POST /v1/mcps',
    await plexmcp.POST('/v1/mcps', {
      body: { name: 'Demo weather', endpoint_url: endpointUrl, description: 'The demo MCP server' },
    }),
  ).data;
  const probe = unwrap(
    'POST /v1/mcps/{mcp_id}/test',
    await plexmcp.POST('/v1/mcps/{mcp_id}/test', { params: { path: { mcp_id: mcp.id } } }),
  ).data;
  step(
    'registered',
    `${mcp.name} (${mcp.id}) at ${endpointUrl}: reachable ${probe.reachable}, ${probe.tools_count} tools`,
  );

  const args = { location: 'Paris' };
  const invoked = unwrap(
    'POST /mcp',
    await plexmcp.POST('/mcp', { body: { mcp_id: mcp.id, tool: 'get_weather', arguments: args } }),
  ).data;
  step(
    'invoked',
    `get_weather ${JSON.stringify(args)} → ${JSON.stringify(invoked.result)} (${invoked.metadata.latency_ms} ms)`,
  );
  return mcp.id;
}

/** Resolves on Ctrl-C or SIGTERM (used by --keep, and to stop a run early). */
function untilSignal(): { promise: Promise<void>; signal: AbortSignal } {
  const abort = new AbortController();
  const promise = new Promise<void>((resolve) => {
    const stop = () => {
      abort.abort();
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return { promise, signal: abort.signal };
}

async function main(argv: string[]): Promise<number> {
  const keep = argv.includes('--keep');
  const verbose = argv.includes('--verbose');
  const interrupted = untilSignal();
  const dir = await mkdtemp(join(tmpdir(), 'plexmcp-demo-'));
  const bootstrapKey = generateApiKey().key;
  const env = {
    BIND_ADDRESS: '127.0.0.1:0',
    DATABASE_URL: `file:${join(dir, 'plexmcp.db')}`,
    PLEXMCP_BOOTSTRAP_API_KEY: bootstrapKey,
    // Plan limits stay on as in the cloud (requests per second, monthly quotas), so the rate-limit checks have
    // something to check; only the demo MCP's loopback address needs allowing.
    PLEXMCP_SELF_HOSTED: 'false',
    PLEXMCP_ALLOW_PRIVATE_MCP_URLS: 'true',
    LOG_LEVEL: 'warn',
  };
  let server: Child | undefined;
  let demoMcp: DemoMcpServer | undefined;
  try {
    write('PlexMCP demo: server, demo MCP server and conformance suite on this machine\n\n');
    // The first start bootstraps the default organisation (free plan) with the known key; then, offline, plexmcp-admin
    // adds the organisation the demo works in.
    const first = await startServer(env);
    await first.child.stop();
    const org = await createProOrganization(env);
    const apiKey = org.apiKey;
    const started = await startServer(env);
    server = started.child;
    step('server', `${started.url} (temporary database ${dir}, plan limits on)`);
    step('keys', `default organisation: the bootstrap key; ${org.id} (pro plan): made with plexmcp-admin`);

    demoMcp = await startDemoMcpServer({ port: 0, host: '127.0.0.1' });
    step('demo MCP', demoMcp.url);

    const plexmcp = createPlexMcpClient({ baseUrl: started.url, apiKey });
    const mcpId = await registerAndInvoke(plexmcp, demoMcp.url);

    write('\nConformance suite against the live server\n');
    const report = await runConformance(
      {
        baseUrl: started.url,
        apiKey,
        otherOrgApiKey: bootstrapKey,
        allowWrites: true,
        mcpId,
        tool: 'get_weather',
        arguments: { location: 'Paris' },
      },
      {
        reporters: [
          verbose ? prettyReporter({ write, colour: Boolean(process.stdout.isTTY) }) : compactReporter(write),
        ],
        signal: interrupted.signal,
      },
    );
    const code = report.counts.fail > 0 ? 1 : 0;

    write(
      `\n${keep ? 'Try it (the server stays up until Ctrl-C):' : 'Try it next: `npm run demo -- --keep` keeps this server up for these commands'}\n\n`,
    );
    for (const line of curlCommands(started.url, apiKey, mcpId)) write(`  ${line}\n`);
    write(
      '\nOr run your own: `PLEXMCP_SELF_HOSTED=true npm start` (prints an owner API key) and `npm run demo:mcp`.\n',
    );
    if (keep && !interrupted.signal.aborted) await interrupted.promise;
    write(`\nConformance: ${code === 0 ? 'nothing failed' : 'some checks failed'} (exit ${code})\n`);
    return interrupted.signal.aborted && !keep ? 130 : code;
  } catch (error) {
    process.stderr.write(
      `\nThe demo could not run: ${error instanceof DemoError ? error.message : String((error as Error).stack ?? error)}\n`,
    );
    return 2;
  } finally {
    await server?.stop();
    await demoMcp?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main(process.argv.slice(2));
// Nothing else should hold the event loop; exiting explicitly keeps a lingering socket from delaying the exit code.
process.exit();
