/**
 * Nothing depends on the order of paths in openapi.yaml: with `/v1/organization/members/{user_id}` declared before
 * `/v1/organization/members/invite`, the server (createApp given that contract) and the conformance suite's oracle
 * still route the invitation to inviteMember and member ids to updateMember (OpenAPI 3.1 §4.8.8: literal paths match
 * before templated ones).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Exchange } from '../../conformance/model.js';
import { Oracle } from '../../conformance/oracle/oracle.js';
import type { Contract } from '../../contract/index.js';
import { type ApiResponse, call, type Harness, startHarness } from '../support/harness.js';
import { swappedContract } from '../support/swapped-contract.js';

let swapped: Contract;
let h: Harness;

beforeAll(async () => {
  swapped = swappedContract();
  h = await startHarness({ overrides: { contract: swapped } });
});
afterAll(() => h.close());

function headersOf(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

function recorded(method: string, path: string, response: ApiResponse): Exchange {
  return {
    seq: 1,
    tag: 'path-order',
    startedAt: new Date().toISOString(),
    durationMs: 1,
    request: { method, url: `${h.baseUrl}${path}`, headers: {}, bodySize: 0 },
    response: {
      status: response.status,
      statusText: '',
      headers: headersOf(response.headers),
      body: response.text,
      bodySize: response.text.length,
    },
  };
}

describe('paths declared in the other order', () => {
  it('the server serves the contract it was given', async () => {
    const served = await call(h.baseUrl, 'GET', '/openapi.yaml');
    expect(served.text).toBe(swapped.yaml);
    expect(served.text.indexOf('/v1/organization/members/{user_id}:')).toBeLessThan(
      served.text.indexOf('/v1/organization/members/invite:'),
    );
  });

  it('the server routes POST .../invite to inviteMember and PATCH .../{user_id} to updateMember', async () => {
    const invite = await call(h.baseUrl, 'POST', '/v1/organization/members/invite', {
      key: h.ownerKey,
      body: { email: 'order@example.com', role: 'member' },
    });
    expect([invite.status, invite.body?.data?.email]).toEqual([201, 'order@example.com']);

    const { member } = await h.addMember('viewer');
    const patch = await call(h.baseUrl, 'PATCH', `/v1/organization/members/${member.id}`, {
      key: h.ownerKey,
      body: { role: 'member' },
    });
    expect([patch.status, patch.body?.data?.role]).toEqual([200, 'member']);

    const get = await call(h.baseUrl, 'GET', '/v1/organization/members/invite', { key: h.ownerKey });
    expect([get.status, get.body?.error?.code, get.headers.get('allow')]).toEqual([405, 'method_not_allowed', 'POST']);
  });

  it("the suite's oracle judges the same exchanges against the same operations", async () => {
    const oracle = new Oracle(swapped);
    const invite = await call(h.baseUrl, 'POST', '/v1/organization/members/invite', {
      key: h.ownerKey,
      body: { email: 'judged@example.com', role: 'viewer' },
    });
    const verdict = oracle.judge(recorded('POST', '/v1/organization/members/invite', invite));
    expect([verdict.route, verdict.operation?.operationId, verdict.issues]).toEqual(['operation', 'inviteMember', []]);

    const { member } = await h.addMember('viewer');
    const path = `/v1/organization/members/${member.id}`;
    const removed = await call(h.baseUrl, 'DELETE', path, { key: h.ownerKey });
    const judged = oracle.judge(recorded('DELETE', path, removed));
    expect([removed.status, judged.operation?.operationId, judged.issues]).toEqual([200, 'removeMember', []]);
  });
});
