/**
 * Usage history shows key ids only for keys the caller manages (openapi.yaml "Key management"): a record made with
 * a key the caller may not manage says `api_key_id: null`, and filtering by such a key finds nothing, exactly as an
 * unknown id does, so the history never reveals that an owner's or another member's key exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { McpRow } from '../../server/store/types.js';
import { call, type Harness, startHarness } from '../support/harness.js';

describe('key ids in the usage history', () => {
  let h: Harness;
  let mcp: McpRow;
  let member: Awaited<ReturnType<Harness['addMember']>>;
  let admin: Awaited<ReturnType<Harness['addMember']>>;
  const record = (id: string, apiKeyId: string, at: string) =>
    h.store.recordUsage({
      id,
      orgId: h.org.id,
      apiKeyId,
      mcpId: mcp.id,
      mcpName: mcp.name,
      tool: 'tool',
      status: 'success',
      errorCode: null,
      latencyMs: 5,
      createdAt: at,
    });
  const history = async (key: string, query = '') => {
    const reply = await call(h.baseUrl, 'GET', `/v1/usage/history?per_page=100${query}`, { key });
    expect(reply.status, reply.text).toBe(200);
    return reply.body as { data: { id: string; api_key_id: string | null }[]; pagination: { total: number } };
  };
  const keyOf = (body: Awaited<ReturnType<typeof history>>, id: string) =>
    body.data.find((row) => row.id === id)?.api_key_id;

  beforeAll(async () => {
    h = await startHarness();
    mcp = await h.addMcp({ name: 'Weather' });
    member = await h.addMember('member');
    admin = await h.addMember('admin');
    await record('use_owner', h.ownerKeyRow.id, '2024-01-10T10:00:00.000Z');
    await record('use_member', member.keyRow.id, '2024-01-10T11:00:00.000Z');
    await record('use_admin', admin.keyRow.id, '2024-01-10T12:00:00.000Z');
  });
  afterAll(() => h.close());

  it('a member sees its own key id and null for the owner’s and another member’s keys', async () => {
    const body = await history(member.key);
    expect(body.pagination.total).toBe(3);
    expect(keyOf(body, 'use_member')).toBe(member.keyRow.id);
    expect(keyOf(body, 'use_owner')).toBeNull();
    expect(keyOf(body, 'use_admin')).toBeNull();
  });

  it('an admin sees the key ids of members and admins, never of an owner-role key', async () => {
    const body = await history(admin.key);
    expect(keyOf(body, 'use_member')).toBe(member.keyRow.id);
    expect(keyOf(body, 'use_admin')).toBe(admin.keyRow.id);
    expect(keyOf(body, 'use_owner')).toBeNull();
  });

  it('the owner sees every key id', async () => {
    const body = await history(h.ownerKey);
    expect(keyOf(body, 'use_owner')).toBe(h.ownerKeyRow.id);
    expect(keyOf(body, 'use_member')).toBe(member.keyRow.id);
  });

  it('filtering by a key the caller does not manage answers as for an unknown id', async () => {
    const hidden = await history(member.key, `&api_key_id=${h.ownerKeyRow.id}`);
    const unknown = await history(member.key, '&api_key_id=key_unknown');
    expect(hidden).toEqual(unknown);
    expect(hidden.pagination.total).toBe(0);
    expect((await history(member.key, `&api_key_id=${member.keyRow.id}`)).pagination.total).toBe(1);
  });
});
