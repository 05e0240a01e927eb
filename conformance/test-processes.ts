/**
 * Real processes for the suite's own tests: this repository's server (`server/main.ts`) and demo MCP server as
 * children on loopback, each server with its own database in a temp directory. The suite itself never imports them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Child, runTs, spawnTs } from '../test/support/child-process.js';
import { freeLoopbackPort } from '../test/support/ports.js';

/** The plans `plexmcp-admin create-org --plan` accepts. */
export type Plan = 'free' | 'pro' | 'team' | 'enterprise';

export const OWNER_KEY = 'pmcp_ConformanceRealServer0123456789abcdefghijKLM';

export class ChildProcesses {
  private readonly children: Child[] = [];
  private readonly dirs: string[] = [];

  /** Starts `node --import tsx <script>` and resolves once its output matches `ready`. */
  async start(script: string, env: Record<string, string>, ready: RegExp): Promise<Child> {
    const child = spawnTs(script, [], env, { bareEnv: true, waitOnStderr: true });
    this.children.push(child);
    await child.waitFor(ready);
    return child;
  }

  /** The server on a fresh database whose owner key is OWNER_KEY; `extra` adds environment (PLEXMCP_SELF_HOSTED...). */
  async server(extra: Record<string, string> = {}): Promise<string> {
    return (await this.serverProcess(extra)).baseUrl;
  }

  /**
   * A server whose database also holds a second organisation on `otherPlan` (default free), made offline with
   * `plexmcp-admin create-org` (which refuses while a server holds the database, so the first start only bootstraps,
   * then stops). With `mainPlan` the main organisation is made the same way on that plan and `apiKey` is its owner key;
   * without it, the main organisation is the bootstrapped one and `apiKey` is OWNER_KEY.
   */
  async serverWithTwoOrganisations(
    extra: Record<string, string> = {},
    plans: { mainPlan?: Plan; otherPlan?: Plan } = {},
  ): Promise<{ baseUrl: string; apiKey: string; otherOrgApiKey: string }> {
    const first = await this.serverProcess(extra);
    await first.child.stop();
    const apiKey = plans.mainPlan
      ? await createOrganisation(first.env.DATABASE_URL, 'Conformance main', plans.mainPlan)
      : OWNER_KEY;
    const otherOrgApiKey = await createOrganisation(
      first.env.DATABASE_URL,
      'Conformance other',
      plans.otherPlan ?? 'free',
    );
    await this.start('server/main.ts', first.env, /listening on/);
    return { baseUrl: first.baseUrl, apiKey, otherOrgApiKey };
  }

  private async serverProcess(
    extra: Record<string, string>,
  ): Promise<{ baseUrl: string; child: Child; env: Record<string, string> & { DATABASE_URL: string } }> {
    const port = await freeLoopbackPort();
    const dir = await mkdtemp(join(tmpdir(), 'conformance-server-'));
    this.dirs.push(dir);
    const env = {
      BIND_ADDRESS: `127.0.0.1:${port}`,
      DATABASE_URL: `file:${join(dir, 'db.sqlite')}`,
      PLEXMCP_BOOTSTRAP_API_KEY: OWNER_KEY,
      LOG_LEVEL: 'warn',
      ...extra,
    };
    const child = await this.start('server/main.ts', env, /listening on/);
    return { baseUrl: `http://127.0.0.1:${port}`, child, env };
  }

  /** The demo MCP server; resolves to its streamable HTTP endpoint. */
  async demoMcp(): Promise<string> {
    const port = await freeLoopbackPort();
    await this.start('demo/mcp/main.ts', { PORT: String(port) }, /streamable HTTP/);
    return `http://127.0.0.1:${port}/mcp`;
  }

  /** Stops every child (waiting for each to exit, so its database is closed) and removes the temp directories. */
  async stopAll(): Promise<void> {
    await Promise.all(this.children.map((child) => child.stop()));
    await Promise.all(this.dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  }
}

/** `plexmcp-admin create-org` on a stopped server's database; resolves to the new organisation's owner key. */
async function createOrganisation(databaseUrl: string, name: string, plan: Plan): Promise<string> {
  const admin = await runTs('server/admin/cli.ts', ['create-org', '--name', name, '--plan', plan], {
    DATABASE_URL: databaseUrl,
  });
  if (admin.code !== 0) throw new Error(`plexmcp-admin create-org exited with ${String(admin.code)}: ${admin.stderr}`);
  return (JSON.parse(admin.stdout) as { api_key: string }).api_key;
}
