import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Child, runTs, spawnTs } from '../../test/support/child-process.js';

const CLI = 'server/admin/cli.ts';
let dir: string;
let env: Record<string, string>;
const children: Child[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'plexmcp-admin-'));
  env = {
    DATABASE_URL: `file:${join(dir, 'plexmcp.db')}`,
    BIND_ADDRESS: '127.0.0.1:0',
    PLEXMCP_HEALTH_CHECK_INTERVAL_MS: '0',
  };
});
afterEach(() => {
  for (const child of children.splice(0)) if (child.process.exitCode === null) child.process.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function admin(...args: string[]) {
  const result = await runTs(CLI, args, env);
  return { ...result, json: result.code === 0 ? (JSON.parse(result.stdout) as Record<string, unknown>) : undefined };
}

async function startServer() {
  const child = spawnTs('server/main.ts', [], env);
  children.push(child);
  const [, url] = await child.waitFor(/listening on (http:\/\/\S+)/);
  return { child, url: url! };
}

describe('plexmcp-admin', () => {
  it('creates an organisation and keys offline that the server then accepts, with the given role and scope', async () => {
    const org = await admin('create-org', '--name', 'Acme Inc', '--plan', 'team', '--owner-email', 'boss@acme.test');
    expect(org.code).toBe(0);
    expect(org.json).toMatchObject({
      name: 'Acme Inc',
      slug: 'acme-inc',
      plan: 'team',
      role: 'owner',
      owner: { email: 'boss@acme.test' },
    });
    const viewer = await admin('create-key', '--org', String(org.json?.organization_id), '--role', 'viewer');
    expect(viewer.json).toMatchObject({
      role: 'viewer',
      permissions: { mcps: '*' },
      organization_id: org.json?.organization_id,
    });

    const { child, url } = await startServer();
    // The database already had an organisation, so no default one was made.
    expect(child.stdout()).not.toMatch(/pmcp_/);
    const get = (key: unknown, path: string) =>
      fetch(`${url}${path}`, { headers: { Authorization: `ApiKey ${String(key)}` } });
    const res = await get(org.json?.api_key, '/v1/organization');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ data: { name: 'Acme Inc', plan: 'team' } });
    expect((await get(viewer.json?.api_key, '/v1/mcps')).status).toBe(200);
    const denied = await fetch(`${url}/v1/api-keys`, {
      method: 'POST',
      headers: { Authorization: `ApiKey ${String(viewer.json?.api_key)}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'x' }),
    });
    expect(denied.status).toBe(403);
  });

  it('refuses while a server holds the database, and says to stop it', async () => {
    const { child } = await startServer();
    const result = await admin('list-orgs');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`in use by another process (pid ${child.process.pid})`);
    expect(result.stderr).toContain('stop the server');
  });

  it.each([
    [['create-org', '--plan', 'pro'], /--name is required/],
    [['create-org', '--name', 'X', '--plan', 'gold'], /--plan must be one of free, pro, team, enterprise/],
    [['create-key', '--org', 'org_missing'], /No organisation org_missing/],
    [['rotate-everything'], /Unknown command "rotate-everything"/],
  ])('rejects %j with a clear message', async (args, message) => {
    const result = await admin(...args);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
  });

  it('refuses a key scoped to an MCP the organisation does not have, and narrows the role of a key on request', async () => {
    const org = await admin('create-org', '--name', 'Scoped', '--plan', 'free');
    const orgId = String(org.json?.organization_id);
    expect((await admin('create-key', '--org', orgId, '--mcps', 'mcp_nope')).stderr).toMatch(
      /MCP servers that do not exist: mcp_nope/,
    );
    const member = await admin('create-key', '--org', orgId, '--role', 'member');
    expect(member.json).toMatchObject({ role: 'member' });
  });
});
