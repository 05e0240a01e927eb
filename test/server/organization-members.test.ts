/** The organisation and its members over real HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Harness, startHarness } from '../support/harness.js';

describe('organisation', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it("GET /v1/organization has the plan's limits and live usage", async () => {
    await h.addMcp();
    const response = await call(h.baseUrl, 'GET', '/v1/organization', { key: h.ownerKey });
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({
      id: h.org.id,
      name: 'Acme',
      slug: 'acme',
      plan: 'pro',
      limits: { mcps: 10, api_keys: 10, team_members: 5, monthly_requests: 50_000, requests_per_second: 100 },
      usage: { mcps: 1, api_keys: 1, team_members: 1, monthly_requests: 0 },
    });
  });

  it('enterprise limits are null (unlimited)', async () => {
    const other = await h.addOrganization('enterprise');
    const response = await call(h.baseUrl, 'GET', '/v1/organization', { key: other.ownerKey });
    expect(response.body.data.limits).toEqual({
      mcps: null,
      api_keys: null,
      team_members: null,
      monthly_requests: null,
      requests_per_second: null,
    });
    expect(response.body.data.id).toBe(other.org.id);
  });

  it('PATCH changes name, description and merges settings', async () => {
    await call(h.baseUrl, 'PATCH', '/v1/organization', {
      key: h.ownerKey,
      body: { settings: { pin_protection: true, theme: 'dark' } },
    });
    const response = await call(h.baseUrl, 'PATCH', '/v1/organization', {
      key: h.ownerKey,
      body: { name: 'Acme Ltd', description: 'Tools', settings: { pin_protection: false } },
    });
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({
      name: 'Acme Ltd',
      description: 'Tools',
      settings: { pin_protection: false, theme: 'dark' },
    });
    expect(response.body.data.slug).toBe('acme');
  });

  it('PATCH rejects unknown fields with 422', async () => {
    const response = await call(h.baseUrl, 'PATCH', '/v1/organization', {
      key: h.ownerKey,
      body: { plan: 'enterprise' },
    });
    expect(response.status).toBe(422);
    expect(response.body.error.details).toHaveProperty('plan');
  });
});

describe('members', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('lists members, filtered by role', async () => {
    const admin = await h.addMember('admin');
    const all = await call(h.baseUrl, 'GET', '/v1/organization/members', { key: h.ownerKey });
    expect(all.status).toBe(200);
    expect(all.body.data.map((m: { id: string }) => m.id)).toEqual([h.owner.id, admin.member.id]);
    expect(all.body.data[0]).toMatchObject({ email: 'owner@example.com', role: 'owner', name: 'Olive Owner' });
    const admins = await call(h.baseUrl, 'GET', '/v1/organization/members?role=admin', { key: h.ownerKey });
    expect(admins.body.data.map((m: { id: string }) => m.id)).toEqual([admin.member.id]);
    expect(admins.body.pagination.total).toBe(1);
  });

  it('invites: 201 with an invite that lasts 7 days; 409 when invited again or already a member', async () => {
    const response = await call(h.baseUrl, 'POST', '/v1/organization/members/invite', {
      key: h.ownerKey,
      body: { email: 'New.User@example.com', role: 'admin' },
    });
    expect(response.status).toBe(201);
    const invite = response.body.data;
    expect(invite).toMatchObject({ email: 'new.user@example.com', role: 'admin' });
    expect(Date.parse(invite.expires_at) - Date.parse(invite.created_at)).toBe(7 * 86_400_000);
    expect(invite.invite_url).toBe(`/invite#token=${invite.token}`);
    const again = await call(h.baseUrl, 'POST', '/v1/organization/members/invite', {
      key: h.ownerKey,
      body: { email: 'new.user@example.com' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_exists');
    const member = await call(h.baseUrl, 'POST', '/v1/organization/members/invite', {
      key: h.ownerKey,
      body: { email: 'owner@example.com' },
    });
    expect(member.status).toBe(409);
  });

  it('invite refuses the owner role and a bad email with 422', async () => {
    for (const body of [{ email: 'x@example.com', role: 'owner' }, { email: 'not-an-email' }]) {
      const response = await call(h.baseUrl, 'POST', '/v1/organization/members/invite', { key: h.ownerKey, body });
      expect(response.status, JSON.stringify(body)).toBe(422);
    }
  });

  it('changes a role; a missing member is 404', async () => {
    const { member } = await h.addMember('viewer');
    const response = await call(h.baseUrl, 'PATCH', `/v1/organization/members/${member.id}`, {
      key: h.ownerKey,
      body: { role: 'member' },
    });
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({ id: member.id, role: 'member' });
    expect(
      (
        await call(h.baseUrl, 'PATCH', '/v1/organization/members/user_missing', {
          key: h.ownerKey,
          body: { role: 'member' },
        })
      ).status,
    ).toBe(404);
  });

  it('admins cannot touch owners or grant owner', async () => {
    const admin = await h.addMember('admin');
    const { member: other } = await h.addMember('member');
    const grant = await call(h.baseUrl, 'PATCH', `/v1/organization/members/${other.id}`, {
      key: admin.key,
      body: { role: 'owner' },
    });
    expect(grant.status).toBe(403);
    const demote = await call(h.baseUrl, 'PATCH', `/v1/organization/members/${h.owner.id}`, {
      key: admin.key,
      body: { role: 'viewer' },
    });
    expect(demote.status).toBe(403);
    const remove = await call(h.baseUrl, 'DELETE', `/v1/organization/members/${h.owner.id}`, { key: admin.key });
    expect(remove.status).toBe(403);
    const promote = await call(h.baseUrl, 'PATCH', `/v1/organization/members/${other.id}`, {
      key: admin.key,
      body: { role: 'admin' },
    });
    expect(promote.status).toBe(200);
  });

  it('the last owner can be neither demoted nor removed: 409 conflict', async () => {
    const demote = await call(h.baseUrl, 'PATCH', `/v1/organization/members/${h.owner.id}`, {
      key: h.ownerKey,
      body: { role: 'admin' },
    });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe('conflict');
    const remove = await call(h.baseUrl, 'DELETE', `/v1/organization/members/${h.owner.id}`, { key: h.ownerKey });
    expect(remove.status).toBe(409);
    // With a second owner, the first can step down.
    const second = await h.addMember('owner');
    const stepDown = await call(h.baseUrl, 'PATCH', `/v1/organization/members/${h.owner.id}`, {
      key: second.key,
      body: { role: 'admin' },
    });
    expect(stepDown.status).toBe(200);
    await call(h.baseUrl, 'PATCH', `/v1/organization/members/${h.owner.id}`, {
      key: second.key,
      body: { role: 'owner' },
    });
  });

  it('removing a member revokes their keys', async () => {
    const { member, key } = await h.addMember('member');
    const response = await call(h.baseUrl, 'DELETE', `/v1/organization/members/${member.id}`, { key: h.ownerKey });
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ removed: true, user_id: member.id });
    expect((await call(h.baseUrl, 'GET', '/v1/mcps', { key })).status).toBe(401);
    expect((await call(h.baseUrl, 'DELETE', `/v1/organization/members/${member.id}`, { key: h.ownerKey })).status).toBe(
      404,
    );
  });
});
