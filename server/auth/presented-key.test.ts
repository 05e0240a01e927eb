import { describe, expect, it } from 'vitest';
import { presentedKey } from './presented-key.js';

const KEY = 'pmcp_abcdefghijklmnopqrstuvwxyz0123456789ABCD';

describe('presentedKey', () => {
  const cases: [string, Record<string, string>, ReturnType<typeof presentedKey>][] = [
    ['reads Authorization: ApiKey', { authorization: `ApiKey ${KEY}` }, { kind: 'key', key: KEY }],
    ['reads Authorization: Bearer', { authorization: `Bearer ${KEY}` }, { kind: 'key', key: KEY }],
    [
      'matches the scheme case-insensitively (RFC 9110 §11.1)',
      { authorization: `aPiKeY ${KEY}` },
      { kind: 'key', key: KEY },
    ],
    ['accepts BEARER in capitals', { authorization: `BEARER ${KEY}` }, { kind: 'key', key: KEY }],
    ['reads X-API-Key', { 'x-api-key': KEY }, { kind: 'key', key: KEY }],
    ['reports a missing key', {}, { kind: 'missing' }],
  ];
  it.each(cases)('%s', (_name, headers, want) => {
    expect(presentedKey(headers)).toEqual(want);
  });

  it.each([
    ['Basic scheme', `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['no scheme', KEY],
    ['an extra word', `ApiKey ${KEY} extra`],
    ['a key with spaces inside quotes', 'ApiKey "pmcp x"'],
  ])('rejects %s as malformed', (_name, authorization) => {
    expect(presentedKey({ authorization }).kind).toBe('malformed');
  });

  it('prefers Authorization over X-API-Key when both are sent', () => {
    expect(presentedKey({ authorization: `Bearer ${KEY}`, 'x-api-key': 'pmcp_other' })).toEqual({
      kind: 'key',
      key: KEY,
    });
  });
});
