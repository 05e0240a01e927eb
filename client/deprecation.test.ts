/**
 * The client surfaces deprecations: against the real server (createApp on a real port) with a copy of the contract
 * that deprecates listMcps, and the header parsing on its own, table-driven.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractDeprecating } from '../test/support/deprecated-contract.js';
import { type Harness, startHarness } from '../test/support/harness.js';
import { createPlexMcpClient } from './create-client.js';
import { type DeprecationNotice, deprecationNotice } from './deprecation.js';

describe('onDeprecation against a server that deprecates listMcps', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ overrides: { contract: contractDeprecating('/v1/mcps') } });
  });
  afterAll(() => harness.close());

  it('tells the caller once per operation, with the sunset and the migration notes', async () => {
    const notices: DeprecationNotice[] = [];
    const client = createPlexMcpClient({
      baseUrl: harness.baseUrl,
      apiKey: harness.ownerKey,
      onDeprecation: (n) => notices.push(n),
    });
    const first = await client.GET('/v1/mcps');
    await client.GET('/v1/mcps', { params: { query: { per_page: 1 } } });
    await client.GET('/v1/organization');
    expect(first.data?.success).toBe(true);
    expect(notices).toEqual([
      {
        operation: 'GET /v1/mcps',
        deprecatedSince: new Date('2026-12-01T00:00:00Z'),
        sunset: new Date('2027-06-30T00:00:00Z'),
        link: `${harness.baseUrl}/docs#section/Migration-guides`,
      },
    ]);
  });

  it('tells the caller on an error response too', async () => {
    const notices: DeprecationNotice[] = [];
    const client = createPlexMcpClient({ baseUrl: harness.baseUrl, onDeprecation: (n) => notices.push(n) });
    const { error } = await client.GET('/v1/mcps');
    expect(error?.status).toBe(401);
    expect(notices.map((n) => n.operation)).toEqual(['GET /v1/mcps']);
  });
});

describe('deprecationNotice', () => {
  const cases: [string, { given: Record<string, string>; want: Omit<DeprecationNotice, 'operation'> | undefined }][] = [
    ['no Deprecation header', { given: { sunset: 'Wed, 30 Jun 2027 00:00:00 GMT' }, want: undefined }],
    [
      'all three, the deprecation link among others',
      {
        given: {
          deprecation: '@1796083200',
          sunset: 'Wed, 30 Jun 2027 00:00:00 GMT',
          link: '</v1/mcps?page=2>; rel="next", <https://example.com/migrate, v2>; rel="deprecation"; type="text/html"',
        },
        want: {
          deprecatedSince: new Date('2026-12-01T00:00:00Z'),
          sunset: new Date('2027-06-30T00:00:00Z'),
          link: 'https://example.com/migrate,%20v2',
        },
      },
    ],
    [
      'an unquoted rel',
      {
        given: { deprecation: '@0', link: '<https://example.com/m>;rel=deprecation' },
        want: { deprecatedSince: new Date(0), link: 'https://example.com/m' },
      },
    ],
    [
      'a rel naming several relation types',
      {
        given: { deprecation: '@0', link: '<https://example.com/m>; rel="alternate deprecation"' },
        want: { deprecatedSince: new Date(0), link: 'https://example.com/m' },
      },
    ],
    [
      'a Deprecation without a date, an unreadable Sunset',
      { given: { deprecation: 'true', sunset: 'soon' }, want: {} },
    ],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    const notice = deprecationNotice('GET /v1/mcps', new Response(null, { headers: given }));
    expect(notice).toEqual(want && { operation: 'GET /v1/mcps', ...want });
  });
});
