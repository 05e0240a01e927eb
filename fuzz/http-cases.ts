/**
 * HTTP cases generated from the contract: for one operation (or, now and then, a path or method it does not have),
 * its path ids, query parameters, headers and body, mostly well-formed so the request reaches deep into the server,
 * with something broken: a type, a bound, a size, the nesting, the encoding, an id, the query string or a header.
 */
import { type Contract, type ContractOperation, deref, isObject, type Json } from '../contract/index.js';
import type { Random } from './random.js';
import { bodyValue, toJsonText, validValue } from './schema-values.js';
import { hostileIdSegment, nastyString, percentEncode } from './values.js';
import type { HttpCase } from './wire.js';

/** What the run knows of the target: keys and the ids of things that exist there. */
export interface FuzzTarget {
  ownerKey: string;
  /** Ids by path parameter name (`mcp_id`, `key_id`, `user_id`) that may be read, changed or deleted. */
  ids: Record<string, string[]>;
  /** Ids that must survive the run (the caller's own key, the owner, the MCP reached by invokeTool): read only. */
  keep: Record<string, string[]>;
}

interface Parameter {
  name: string;
  in: string;
  schema: Json | undefined;
}

function parametersOf(contract: Contract, op: ContractOperation): Parameter[] {
  const item = contract.resolve(`#/paths/${op.pointer.split('/')[2]}`);
  const lists = [isObject(item) ? item.parameters : undefined, op.node.parameters];
  const out: Parameter[] = [];
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const p = deref(contract.document, raw);
      if (isObject(p) && typeof p.name === 'string' && typeof p.in === 'string')
        out.push({ name: p.name, in: p.in, schema: p.schema });
    }
  }
  return out;
}

function bodySchema(contract: Contract, op: ContractOperation): Json | undefined {
  const body = deref(contract.document, op.node.requestBody);
  if (!isObject(body) || !isObject(body.content)) return undefined;
  const media = body.content['application/json'];
  return isObject(media) ? deref(contract.document, media.schema) : undefined;
}

/** A value for a path id: one that exists (most often), or a hostile one. */
function pathId(name: string, op: ContractOperation, target: FuzzTarget, random: Random): string {
  const changes = op.method !== 'GET' && op.operationId !== 'testMcp';
  const usable = [...(target.ids[name] ?? []), ...(changes ? [] : (target.keep[name] ?? []))];
  if (usable.length > 0 && random.chance(0.6)) return percentEncode(random.pick(usable));
  return hostileIdSegment(random, `${name.split('_')[0]}_`);
}

function queryString(params: Parameter[], random: Random, target: FuzzTarget): string {
  const parts: string[] = [];
  for (const p of params.filter((x) => x.in === 'query')) {
    const roll = random.int(0, 9);
    if (roll <= 3) continue;
    let value: string;
    if (roll <= 6) {
      const known = target.ids[p.name] ?? target.keep[p.name];
      value = known && random.chance(0.5) ? random.pick(known) : String(validValue(p.schema, random));
    } else {
      value = random.pick([
        '92233720368547758',
        '9223372036854775807',
        '18446744073709551616',
        '1e309',
        '-1',
        '0',
        '1.5',
        '0x10',
        ' 1',
        '',
        'NaN',
        '١٢',
        '2026-13-45',
        '2026-01-01T25:61:00Z',
        nastyString(random).slice(0, 300),
      ]);
    }
    const encoded = random.chance(0.9) ? percentEncode(value) : value.replace(/[\s#]/g, '+');
    parts.push(`${p.name}=${encoded}`);
    if (random.chance(0.1)) parts.push(`${p.name}=${percentEncode(String(random.int(-5, 200)))}`);
  }
  if (random.chance(0.1)) {
    parts.push(
      random.pick([
        'page[]=1',
        'page[a]=1',
        'per_page=100&per_page=1',
        '__proto__[x]=1',
        'constructor[prototype][x]=1',
        '%zz=1',
        'a=%',
        `x=${'q'.repeat(random.pick([100, 10_000]))}`,
        '&&&',
        '=',
      ]),
    );
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/** Authorization as the case sends it: mostly the owner key, sometimes none, a wrong one or conflicting schemes. */
function authHeaders(target: FuzzTarget, random: Random): [string, string][] {
  const key = target.ownerKey;
  const roll = random.int(0, 19);
  if (roll <= 12) return [['Authorization', `${random.pick(['ApiKey', 'apikey', 'Bearer'])} ${key}`]];
  if (roll === 13) return [['X-API-Key', key]];
  if (roll === 14) return [];
  return random.pick<[string, string][]>([
    [
      ['Authorization', `ApiKey ${key}`],
      ['Authorization', `Bearer pmcp_${'x'.repeat(43)}`],
    ],
    [
      ['Authorization', `ApiKey ${key}`],
      ['X-API-Key', `pmcp_${'y'.repeat(43)}`],
    ],
    [['Authorization', `Basic ${Buffer.from(`owner:${key}`).toString('base64')}`]],
    [['Authorization', `ApiKey ${key}, Bearer ${key}`]],
    [['Authorization', 'ApiKey ']],
    [['Authorization', `ApiKey ${'pmcp_'.padEnd(random.pick([45, 2_000, 15_000]), 'Z')}`]],
    [['Authorization', `ApiKey ${key.slice(0, -1)}é`]],
    [['X-API-Key', `${key}\t`]],
    [['Authorization', `Digest username="${key}"`]],
  ]);
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=UTF-8',
  'application/json;charset="utf-8"',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/json; charset=nonsense',
  'application/merge-patch+json',
  'application/vnd.api+json',
  'text/plain',
  'text/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  '*/*',
  'application/json, text/plain',
  'garbage',
  '',
];

/** A body's bytes, sometimes in a broken or foreign encoding. */
function bodyBytes(text: string, random: Random): Buffer {
  const utf8 = Buffer.from(text, 'utf8');
  switch (random.int(0, 14)) {
    case 0:
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]);
    case 1:
      return Buffer.from(`\ufeff${text}`, 'utf16le');
    case 2: {
      // Invalid UTF-8 (a lone continuation byte, an overlong slash, a surrogate, 0xFF) inside the text.
      const at = random.int(0, utf8.length);
      const bad = random.pick([[0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff], [0xc3, 0x28], [0x00]]);
      return Buffer.concat([utf8.subarray(0, at), Buffer.from(bad), utf8.subarray(at)]);
    }
    case 3:
      return utf8.subarray(0, random.int(0, utf8.length));
    case 4:
      return Buffer.from(text, 'latin1');
    default:
      return utf8;
  }
}

const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'HEAD', 'CONNECT', 'PROPFIND', 'get'];

/** One HTTP case for `op`. */
export function httpCase(contract: Contract, op: ContractOperation, target: FuzzTarget, random: Random): HttpCase {
  const params = parametersOf(contract, op);
  let path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => pathId(name, op, target, random));
  let method = op.method;
  if (random.chance(0.05)) method = random.pick(METHODS);
  if (random.chance(0.04))
    path = random.pick([
      `${path}/`,
      `${path}//x`,
      path.toUpperCase(),
      `${path}/..`,
      `/.${path}`,
      `${path};x=1`,
      `${path}%2f`,
    ]);
  const target_ = path + queryString(params, random, target);

  const headers: [string, string][] = op.public
    ? random.chance(0.2)
      ? authHeaders(target, random)
      : []
    : authHeaders(target, random);
  let body: Buffer | undefined;
  const schema = bodySchema(contract, op);
  if (schema !== undefined || random.chance(0.05)) {
    const text =
      schema !== undefined ? toJsonText(bodyValue(schema, random)) : random.pick(['{}', '[]', 'null', '{"a":1}']);
    if (!random.chance(0.05)) {
      body = bodyBytes(text, random);
      const type = random.chance(0.75) ? 'application/json' : random.pick(CONTENT_TYPES);
      if (type !== '' || random.chance(0.5)) headers.push(['Content-Type', type]);
    } else if (random.chance(0.5)) {
      headers.push(['Content-Type', 'application/json']);
    }
    if (body && random.chance(0.04))
      headers.push(['Content-Encoding', random.pick(['gzip', 'deflate', 'br', 'identity', 'x-unknown'])]);
  }
  if (params.some((p) => p.name === 'Idempotency-Key') && random.chance(0.4)) {
    headers.push([
      'Idempotency-Key',
      random.pick([
        `fuzz-${random.int(0, 50)}`,
        '',
        ' ',
        'x'.repeat(256),
        'x'.repeat(5_000),
        'é',
        `fuzz-${random.int(0, 1e9)}`,
      ]),
    ]);
  }
  headers.push(...extraHeaders(random));
  return { kind: 'http', operationId: op.operationId, method, target: target_, headers, body };
}

/** Headers beside the request's own: long, duplicated, conflicting, or unusual. */
function extraHeaders(random: Random): [string, string][] {
  if (!random.chance(0.2)) return [];
  return random.pick<[string, string][]>([
    [['X-Request-Id', random.pick(['client-id', 'x'.repeat(5_000), '', 'req_\u00ff', '<script>'])]],
    [['X-Long', 'L'.repeat(random.pick([4_000, 12_000, 17_000, 40_000]))]],
    Array.from({ length: random.pick([50, 200]) }, (_, i): [string, string] => [`X-Many-${i}`, 'v'.repeat(60)]),
    [
      ['Content-Type', 'application/json'],
      ['Content-Type', 'text/plain'],
    ],
    [['Accept', random.pick(['text/html', 'application/xml', '*/*;q=0', '', 'application/json;q=0'])]],
    [['Accept-Encoding', random.pick(['gzip', 'br', 'identity;q=0', '*;q=0'])]],
    [['Accept-Charset', 'utf-16']],
    [['Expect', random.pick(['100-continue', 'nonsense'])]],
    [['Origin', 'https://evil.example']],
    [['X-HTTP-Method-Override', random.pick(['DELETE', 'PATCH', 'PUT'])]],
    [['Upgrade', 'websocket']],
    [['If-None-Match', '*']],
    [['Range', 'bytes=0-1']],
    [['Forwarded', 'for=1.2.3.4;host=evil.example']],
    [['X-Forwarded-Host', 'evil.example']],
  ]);
}

/** A request for a path the contract does not have. */
export function strayCase(target: FuzzTarget, random: Random): HttpCase {
  const path = random.pick([
    '/',
    '/v1',
    '/v1/',
    '/v2/mcps',
    '/v1/mcps/../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/v1/%00',
    '/v1/mcps%00',
    `/${'a/'.repeat(2_000)}`,
    `/${'x'.repeat(8_000)}`,
    '/openapi.yaml/..',
    '/docs/../openapi.json',
    '/health?%',
    '*',
    'http://evil.example/v1/mcps',
    '//v1/mcps',
    '/v1/mcps?page=1#frag',
    '/v1/organization/%ff',
    '/v1/mcps/%E2%80%AE',
  ]);
  return {
    kind: 'http',
    operationId: undefined,
    method: random.pick(METHODS),
    target: path,
    headers: authHeaders(target, random),
    body: undefined,
  };
}
