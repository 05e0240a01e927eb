/**
 * Invitations (openapi.yaml "Invitations", `inviteMember`, `listInvitations`, `getInvitation`, `withdrawInvitation`,
 * `acceptInvitation`), over real HTTP on the store of the test project: the whole member lifecycle through the API,
 * withdrawal, the token's secrecy, other organisations, expiry, and two clients accepting one token at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../server/clock.js';
import { rateLimitStages } from '../../server/ratelimit/app-stages.js';
import { createMemoryRateLimiter } from '../../server/ratelimit/flexible-rate-limiter.js';
import { call, type Harness, startHarness } from '../support/harness.js';

const DAY_MS = 86_400_000;

async function invite(h: Harness, email: string, options: { key?: string; role?: string; name?: string } = {}) {
  const reply = await call(h.baseUrl, 'POST', '/v1/organization/members/invite', {
    key: options.key ?? h.ownerKey,
    body: { email, role: options.role ?? 'member', ...(options.name ? { name: options.name } : {}) },
  });
  expect(reply.status, reply.text).toBe(201);
  return reply.body.data as { invite_id: string; token: string; invite_url: string; email: string };
}

const accept = (h: Harness, token: string, name?: string) =>
  call(h.baseUrl, 'POST', '/v1/invitations/accept', { body: { token, ...(name ? { name } : {}) } });

const listedIds = async (h: Harness, path: string, key = h.ownerKey) => {
  const reply = await call(h.baseUrl, 'GET', `${path}?per_page=100`, { key });
  expect(reply.status, reply.text).toBe(200);
  return (reply.body.data as { invite_id?: string; id?: string }[]).map((item) => item.invite_id ?? item.id);
};

describe('invitations, from invite to removal', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('invite → get → list → accept → the member acts with its key → role changed → removed → its key refused', async () => {
    const made = await invite(h, 'Dana@Example.com', { name: 'Dana' });
    expect(made.token).toMatch(/^pinv_[0-9A-Za-z]{43}$/);
    expect(made.invite_url).toBe(`/invite#token=${made.token}`);

    const got = await call(h.baseUrl, 'GET', `/v1/organization/invitations/${made.invite_id}`, { key: h.ownerKey });
    expect(got.status, got.text).toBe(200);
    expect(got.body.data).toMatchObject({ invite_id: made.invite_id, email: 'dana@example.com', role: 'member' });
    expect(got.body.data.invited_by).toEqual({ id: h.owner.id, email: h.owner.email });
    expect(await listedIds(h, '/v1/organization/invitations')).toContain(made.invite_id);

    const accepted = await accept(h, made.token);
    expect(accepted.status, accepted.text).toBe(201);
    const { member, api_key: apiKey } = accepted.body.data;
    expect(member).toMatchObject({ email: 'dana@example.com', name: 'Dana', role: 'member' });
    expect(apiKey).toMatchObject({ role: 'member', status: 'active', permissions: { mcps: '*' } });
    expect(apiKey.created_by).toEqual({ id: member.id, email: 'dana@example.com' });

    // Used up: gone from the API, and the token no longer works.
    expect(
      (await call(h.baseUrl, 'GET', `/v1/organization/invitations/${made.invite_id}`, { key: h.ownerKey })).status,
    ).toBe(404);
    expect(await listedIds(h, '/v1/organization/invitations')).not.toContain(made.invite_id);
    expect((await accept(h, made.token)).status).toBe(404);

    // The new member acts with its key, as a member.
    const self = await call(h.baseUrl, 'GET', '/v1/api-keys', { key: apiKey.key });
    expect(self.status, self.text).toBe(200);
    expect(self.body.data.map((k: { id: string }) => k.id)).toEqual([apiKey.id]);
    expect(
      (
        await call(h.baseUrl, 'POST', '/v1/mcps', {
          key: apiKey.key,
          body: { name: 'x', endpoint_url: 'http://127.0.0.1:9/mcp' },
        })
      ).status,
    ).toBe(403);
    expect(await listedIds(h, '/v1/organization/members')).toContain(member.id);

    const promoted = await call(h.baseUrl, 'PATCH', `/v1/organization/members/${member.id}`, {
      key: h.ownerKey,
      body: { role: 'viewer' },
    });
    expect(promoted.status, promoted.text).toBe(200);
    // A key acts with the lower of its role and its member's: now a viewer.
    expect((await call(h.baseUrl, 'POST', '/v1/api-keys', { key: apiKey.key, body: { name: 'more' } })).status).toBe(
      403,
    );

    const removed = await call(h.baseUrl, 'DELETE', `/v1/organization/members/${member.id}`, { key: h.ownerKey });
    expect(removed.status, removed.text).toBe(200);
    const refused = await call(h.baseUrl, 'GET', '/v1/organization', { key: apiKey.key });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('revoked_key');
    expect(
      (
        await call(h.baseUrl, 'PATCH', `/v1/organization/members/${member.id}`, {
          key: h.ownerKey,
          body: { role: 'member' },
        })
      ).status,
    ).toBe(404);
    expect(await listedIds(h, '/v1/organization/members')).not.toContain(member.id);
  });

  it('a withdrawn invitation is 404 everywhere, its token refused, and absent from the list', async () => {
    const made = await invite(h, 'erin@example.com');
    const path = `/v1/organization/invitations/${made.invite_id}`;
    const withdrawn = await call(h.baseUrl, 'DELETE', path, { key: h.ownerKey });
    expect(withdrawn.status, withdrawn.text).toBe(200);
    expect(withdrawn.body.data).toEqual({ withdrawn: true, invite_id: made.invite_id });
    for (const method of ['GET', 'DELETE']) {
      const again = await call(h.baseUrl, method, path, { key: h.ownerKey });
      expect([method, again.status, again.body.error?.code]).toEqual([method, 404, 'not_found']);
    }
    expect(await listedIds(h, '/v1/organization/invitations')).not.toContain(made.invite_id);
    const late = await accept(h, made.token);
    expect([late.status, late.body.error.code]).toEqual([404, 'not_found']);
    // The email may be invited again.
    await invite(h, 'erin@example.com');
  });

  it('the token is shown once: never in get or list, and stored only as a keyed hash (replays sealed)', async () => {
    const made = await call(h.baseUrl, 'POST', '/v1/organization/members/invite', {
      key: h.ownerKey,
      body: { email: 'finn@example.com' },
      headers: { 'idempotency-key': 'invite-finn' },
    });
    const token: string = made.body.data.token;
    const replay = await call(h.baseUrl, 'POST', '/v1/organization/members/invite', {
      key: h.ownerKey,
      body: { email: 'finn@example.com' },
      headers: { 'idempotency-key': 'invite-finn' },
    });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.data.token).toBe(token);

    const got = await call(h.baseUrl, 'GET', `/v1/organization/invitations/${made.body.data.invite_id}`, {
      key: h.ownerKey,
    });
    const list = await call(h.baseUrl, 'GET', '/v1/organization/invitations?per_page=100', { key: h.ownerKey });
    for (const reply of [got, list]) {
      expect(reply.text).not.toContain(token);
      expect(reply.text).not.toMatch(/token|invite_url/);
    }
    const row = await h.store.getPendingInvite(h.org.id, made.body.data.invite_id, new Date().toISOString());
    expect(row?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token);
    const stored = await h.store.getIdempotency(h.org.id, 'invite-finn');
    expect(stored?.body).toMatch(/^r1\./);
    expect(stored?.body).not.toContain(token);
  });

  it("another organisation's invitations are 404 on every operation, and absent from its list", async () => {
    const made = await invite(h, 'gil@example.com');
    const other = await h.addOrganization();
    const path = `/v1/organization/invitations/${made.invite_id}`;
    expect((await call(h.baseUrl, 'GET', path, { key: other.ownerKey })).status).toBe(404);
    expect((await call(h.baseUrl, 'DELETE', path, { key: other.ownerKey })).status).toBe(404);
    expect(await listedIds(h, '/v1/organization/invitations', other.ownerKey)).toEqual([]);
    expect((await call(h.baseUrl, 'GET', path, { key: h.ownerKey })).status).toBe(200);
  });

  it('an email that became a member meanwhile is 409 on accept, and the invitation stays pending', async () => {
    const made = await invite(h, 'hana@example.com');
    await h.store.createMember({
      id: 'user_hana',
      orgId: h.org.id,
      email: 'HANA@example.com',
      name: null,
      role: 'viewer',
    });
    const reply = await accept(h, made.token);
    expect([reply.status, reply.body.error.code]).toEqual([409, 'already_exists']);
    expect(await listedIds(h, '/v1/organization/invitations')).toContain(made.invite_id);
  });

  it('of two clients accepting one token at once, exactly one gets a member', async () => {
    const made = await invite(h, 'ivo@example.com', { role: 'admin' });
    const replies = await Promise.all([accept(h, made.token), accept(h, made.token), accept(h, made.token)]);
    expect(replies.map((r) => r.status).sort()).toEqual([201, 404, 404]);
    const members = await call(h.baseUrl, 'GET', '/v1/organization/members?per_page=100', { key: h.ownerKey });
    expect(members.body.data.filter((m: { email: string }) => m.email === 'ivo@example.com')).toHaveLength(1);
  });

  it('an unknown or malformed token is the same 404 as a used one, and accepting needs no API key', async () => {
    for (const token of ['pinv_' + 'A'.repeat(43), 'nonsense', 'pmcp_' + 'B'.repeat(43)]) {
      const reply = await accept(h, token);
      expect([reply.status, reply.body.error.code, reply.body.error.message]).toEqual([
        404,
        'not_found',
        'No pending invitation has this token',
      ]);
    }
    expect((await accept(h, '')).status).toBe(422);
  });

  it('members and viewers cannot see or withdraw invitations', async () => {
    const made = await invite(h, 'jo@example.com');
    for (const role of ['member', 'viewer'] as const) {
      const { key } = await h.addMember(role);
      for (const [method, path] of [
        ['GET', '/v1/organization/invitations'],
        ['GET', `/v1/organization/invitations/${made.invite_id}`],
        ['DELETE', `/v1/organization/invitations/${made.invite_id}`],
      ] as const) {
        expect((await call(h.baseUrl, method, path, { key })).status).toBe(403);
      }
    }
  });
});

describe('an invitation expires after 7 days', () => {
  let h: Harness;
  let now = Date.parse('2026-03-02T10:00:00.000Z');
  beforeAll(async () => {
    h = await startHarness({ overrides: { clock: () => new Date(now) } });
  });
  afterAll(() => h.close());

  it('pending until its expires_at; then 404 on get, withdraw and accept, and absent from the list', async () => {
    const made = await invite(h, 'kai@example.com');
    expect(Date.parse((made as unknown as { expires_at: string }).expires_at) - now).toBe(7 * DAY_MS);
    now += 7 * DAY_MS - 1;
    expect(
      (await call(h.baseUrl, 'GET', `/v1/organization/invitations/${made.invite_id}`, { key: h.ownerKey })).status,
    ).toBe(200);
    now += 1;
    expect(
      (await call(h.baseUrl, 'GET', `/v1/organization/invitations/${made.invite_id}`, { key: h.ownerKey })).status,
    ).toBe(404);
    expect(
      (await call(h.baseUrl, 'DELETE', `/v1/organization/invitations/${made.invite_id}`, { key: h.ownerKey })).status,
    ).toBe(404);
    expect(await listedIds(h, '/v1/organization/invitations')).toEqual([]);
    expect((await accept(h, made.token)).status).toBe(404);
    // Expired, the email may be invited again.
    await invite(h, 'kai@example.com');
  });
});

describe('wrong tokens spend the address budget of failed authentications', () => {
  let h: Harness;
  beforeAll(async () => {
    const limiters = {
      organizations: createMemoryRateLimiter(),
      failedAuth: createMemoryRateLimiter({ keyPrefix: 'failed-auth' }),
    };
    h = await startHarness({
      overrides: (store) => ({
        selfHosted: false,
        ...rateLimitStages({ limiters, store, selfHosted: false, clock: systemClock, failedAuthPerSecond: 3 }),
      }),
    });
  });
  afterAll(() => h.close());

  it('past the budget a guess is 429 rate_limited, like a bad API key', async () => {
    const replies = [];
    for (let i = 0; i < 5; i++) replies.push(await accept(h, `pinv_${String(i).repeat(43)}`));
    const statuses = replies.map((r) => r.status);
    expect(statuses.slice(0, 3)).toEqual([404, 404, 404]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    expect(replies[3]!.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
  });
});
