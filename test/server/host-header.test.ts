/**
 * The `Host` header is the client's to choose: links the server hands out (pagination `Link`, `invite_url`) come from
 * the configured public URL or are relative, never from `Host` (#/components/headers/Link).
 */
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

// A Host that would add a `rel="next"` link of the attacker's choosing if it were copied into `Link`.
const HOSTILE_HOST = 'a>; rel="next", <http://evil.example';

/** fetch cannot set `Host`; node:http sends it as given. */
function send(
  h: Harness,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; link: string; body: any }> {
  const url = new URL(path, h.baseUrl);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        headers: {
          Host: HOSTILE_HOST,
          Authorization: `ApiKey ${h.ownerKey}`,
          ...(payload ? { 'Content-Type': 'application/json' } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, link: String(res.headers.link), body: JSON.parse(text) as unknown }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('links ignore the Host header', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('without a public URL, Link and invite_url are relative and carry nothing of Host', async () => {
    h = await startHarness();
    for (let i = 0; i < 3; i++) await h.addMcp({ name: `mcp ${i}` });
    const page = await send(h, 'GET', '/v1/mcps?per_page=1&page=2');
    expect(page.status).toBe(200);
    expect(page.link).not.toContain('evil');
    expect(page.link?.match(/rel="next"/g)).toHaveLength(1);
    expect(page.link).toContain('</v1/mcps?status=all&page=3&per_page=1>; rel="next"');

    const invite = await send(h, 'POST', '/v1/organization/members/invite', { email: 'someone@example.com' });
    expect(invite.status).toBe(201);
    expect(invite.body.data.invite_url).toBe(`/invite#token=${invite.body.data.token}`);
  });

  it('with a public URL, links are absolute on it whatever Host says', async () => {
    h = await startHarness({ overrides: { publicUrl: 'https://api.example.com' } });
    await h.addMcp();
    const page = await send(h, 'GET', '/v1/mcps');
    expect(page.link).toBe(
      '<https://api.example.com/v1/mcps?status=all&page=1&per_page=20>; rel="first", ' +
        '<https://api.example.com/v1/mcps?status=all&page=1&per_page=20>; rel="last"',
    );
    const invite = await send(h, 'POST', '/v1/organization/members/invite', { email: 'other@example.com' });
    expect(invite.body.data.invite_url).toBe(`https://api.example.com/invite#token=${invite.body.data.token}`);
  });
});
