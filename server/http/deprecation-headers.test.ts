/**
 * What a client sees of a deprecation, against the real app on a real port: an edited copy of the contract
 * deprecates listMcps (or only its `health` parameter); openapi.yaml itself deprecates nothing today.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { contractDeprecating, DEPRECATION_HEADERS } from '../../test/support/deprecated-contract.js';
import { type Harness, startHarness } from '../../test/support/harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const announced = (res: Response) => ({
  deprecation: res.headers.get('deprecation'),
  sunset: res.headers.get('sunset'),
  link: res.headers.get('link'),
});

describe('deprecation headers', () => {
  it('a deprecated operation announces it on success, joining the pagination Link', async () => {
    harness = await startHarness({ overrides: { contract: contractDeprecating('/v1/mcps') } });
    const res = await fetch(`${harness.baseUrl}/v1/mcps?per_page=1`, {
      headers: { Authorization: `ApiKey ${harness.ownerKey}` },
    });
    expect(res.status).toBe(200);
    const { deprecation, sunset, link } = announced(res);
    expect({ deprecation, sunset }).toEqual({
      deprecation: DEPRECATION_HEADERS.deprecation,
      sunset: DEPRECATION_HEADERS.sunset,
    });
    expect(link).toContain(DEPRECATION_HEADERS.link);
    expect(link).toMatch(/rel="first"/);
  });

  it.each([
    ['401 without a key', '/v1/mcps', false],
    ['400 for a bad per_page', '/v1/mcps?per_page=0', true],
  ])('a deprecated operation announces it on errors too: %s', async (_name, path, withKey) => {
    harness = await startHarness({ overrides: { contract: contractDeprecating('/v1/mcps') } });
    const headers: Record<string, string> = withKey ? { Authorization: `ApiKey ${harness.ownerKey}` } : {};
    const res = await fetch(`${harness.baseUrl}${path}`, { headers });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(announced(res)).toEqual(DEPRECATION_HEADERS);
  });

  it('other operations, and the same path with another method, announce nothing', async () => {
    harness = await startHarness({ overrides: { contract: contractDeprecating('/v1/mcps') } });
    const auth = { Authorization: `ApiKey ${harness.ownerKey}` };
    const organization = await fetch(`${harness.baseUrl}/v1/organization`, { headers: auth });
    const create = await fetch(`${harness.baseUrl}/v1/mcps`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: '{}',
    });
    for (const res of [organization, create]) {
      expect(res.headers.get('deprecation')).toBeNull();
      expect(res.headers.get('sunset')).toBeNull();
    }
  });

  it('a deprecated parameter announces it only to requests that send it', async () => {
    harness = await startHarness({ overrides: { contract: contractDeprecating('/v1/mcps', 'get', 'health') } });
    const auth = { Authorization: `ApiKey ${harness.ownerKey}` };
    const without = await fetch(`${harness.baseUrl}/v1/mcps`, { headers: auth });
    const withIt = await fetch(`${harness.baseUrl}/v1/mcps?health=healthy`, { headers: auth });
    expect(without.headers.get('deprecation')).toBeNull();
    expect(withIt.status).toBe(200);
    expect(announced(withIt)).toMatchObject({ deprecation: DEPRECATION_HEADERS.deprecation });
  });

  it('openapi.yaml deprecates nothing today, so no response announces a deprecation', async () => {
    harness = await startHarness();
    const res = await fetch(`${harness.baseUrl}/v1/mcps`, { headers: { Authorization: `ApiKey ${harness.ownerKey}` } });
    expect(res.headers.get('deprecation')).toBeNull();
    expect(res.headers.get('link')).not.toContain('rel="deprecation"');
  });
});
