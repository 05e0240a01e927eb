/**
 * Raw HTTP framing the server's parser must refuse or handle (RFC 9112): conflicting and negative Content-Length,
 * Transfer-Encoding tricks, NUL bytes, bad HTTP versions, oversize headers, truncated heads and bodies, pipelining.
 * Each case is bytes written as they are; every answer the connection carries must still be the envelope.
 */
import type { Random } from './random.js';
import type { RawCase } from './wire.js';

const PATHS = ['/v1/mcps', '/mcp', '/v1/organization', '/v1/api-keys', '/health', '/v1/usage', '/nowhere'];

interface Parts {
  method: string;
  path: string;
  host: string;
  auth: string;
  body: string;
}

function parts(random: Random, ownerKey: string): Parts {
  const path = random.pick(PATHS);
  return {
    method: path === '/health' || path === '/v1/usage' ? 'GET' : random.pick(['POST', 'PATCH', 'GET']),
    path,
    host: 'localhost',
    auth: random.chance(0.7) ? `Authorization: ApiKey ${ownerKey}\r\n` : '',
    body: random.pick(['{}', '{"name":"fuzz"}', '{"mcp_id":"mcp_x","tool":"echo","arguments":{}}', 'x']),
  };
}

const raw = (name: string, text: string | Buffer, expectsAnswer = true): RawCase => ({
  kind: 'raw',
  name,
  bytes: typeof text === 'string' ? Buffer.from(text, 'latin1') : text,
  expectsAnswer,
  halfClose: INCOMPLETE.has(name),
});

/** Cases whose bytes end before their request does: the client half-closes so the server sees the end. */
const INCOMPLETE = new Set([
  'chunk longer than its data',
  'chunked body without its last chunk',
  'truncated body',
  'truncated head',
  'bare CR',
  'random bytes',
  'empty lines only',
  'nothing',
  'HTTP/0.9 request line',
  'TLS ClientHello',
]);

type Builder = (p: Parts, random: Random) => RawCase;

const line = (p: Parts, version = 'HTTP/1.1') => `${p.method} ${p.path} ${version}\r\nHost: ${p.host}\r\n${p.auth}`;
const json = 'Content-Type: application/json\r\n';

const BUILDERS: Builder[] = [
  (p) =>
    raw(
      'conflicting Content-Length',
      `${line(p)}${json}Content-Length: ${p.body.length}\r\nContent-Length: ${p.body.length + 1}\r\n\r\n${p.body}x`,
    ),
  (p, r) =>
    raw(
      'invalid Content-Length',
      `${line(p)}${json}Content-Length: ${r.pick(['-1', '+2', '0x2', '2 2', '1e3', '', 'abc', '99999999999999999999', '-0', '2,2'])}\r\n\r\n${p.body}`,
    ),
  (p) =>
    raw(
      'Content-Length and Transfer-Encoding',
      `${line(p)}${json}Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n${p.body.length.toString(16)}\r\n${p.body}\r\n0\r\n\r\n`,
    ),
  (p, r) =>
    raw(
      'Transfer-Encoding variant',
      `${line(p)}${json}Transfer-Encoding: ${r.pick(['chunked, identity', 'identity', 'gzip, chunked', 'chunked\t', ' chunked', 'xchunked', 'chunked, chunked', 'CHUNKED', 'chunked;q=1', 'deflate'])}\r\n\r\n${p.body.length.toString(16)}\r\n${p.body}\r\n0\r\n\r\n`,
    ),
  (p) =>
    raw(
      'Transfer-Encoding twice',
      `${line(p)}${json}Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n${p.body.length.toString(16)}\r\n${p.body}\r\n0\r\n\r\n`,
    ),
  (p) =>
    raw(
      'space before the colon',
      `${line(p)}${json}Transfer-Encoding : chunked\r\nContent-Length: ${p.body.length}\r\n\r\n${p.body}`,
    ),
  (p, r) =>
    raw(
      'bad chunk size',
      `${line(p)}${json}Transfer-Encoding: chunked\r\n\r\n${r.pick(['zz', '-1', 'ffffffffffffffffffff', `1;${'e'.repeat(20_000)}`, ' 2', '0x2'])}\r\n${p.body}\r\n0\r\n\r\n`,
    ),
  (p) => raw('chunk longer than its data', `${line(p)}${json}Transfer-Encoding: chunked\r\n\r\n100\r\n${p.body}`),
  (p) =>
    raw(
      'chunked body without its last chunk',
      `${line(p)}${json}Transfer-Encoding: chunked\r\n\r\n${p.body.length.toString(16)}\r\n${p.body}\r\n`,
    ),
  (p) =>
    raw(
      'valid chunked body',
      `${line(p)}${json}Transfer-Encoding: chunked\r\n\r\n${p.body.length.toString(16)}\r\n${p.body}\r\n0\r\n\r\n`,
    ),
  (p) => raw('truncated body', `${line(p)}${json}Content-Length: ${p.body.length + 100}\r\n\r\n${p.body}`),
  (p) => raw('truncated head', `${line(p)}${json}Content-Len`),
  (p, r) =>
    raw(
      'NUL byte',
      r.pick([
        `${p.method} ${p.path}\0 HTTP/1.1\r\nHost: x\r\n\r\n`,
        `${line(p)}X-A: a\0b\r\n\r\n`,
        `${line(p)}X-\0: 1\r\n\r\n`,
        `${line(p)}${json}Content-Length: 3\r\n\r\n{\0}`,
      ]),
    ),
  (p, r) =>
    raw(
      'bad HTTP version',
      `${p.method} ${p.path} ${r.pick(['HTTP/2.0', 'HTTP/1.2', 'HTTP/3', 'HTTP/1.1x', 'http/1.1', 'HTTP/1', 'HTTP/01.1', 'HTTP/1.1 ', 'HTTP/9.9', 'FOO/1.1'])}\r\nHost: x\r\n${p.auth}\r\n`,
    ),
  (p) => raw('HTTP/0.9 request line', `GET ${p.path}\r\n\r\n`),
  (p) => raw('HTTP/1.0 without Host', `GET ${p.path} HTTP/1.0\r\n${p.auth}\r\n`),
  (p, r) => raw('oversize header', `${line(p)}X-Big: ${'b'.repeat(r.pick([16_500, 40_000, 100_000]))}\r\n\r\n`),
  (p) => raw('too many headers', `${line(p)}${Array.from({ length: 2_500 }, (_, i) => `X-H${i}: v\r\n`).join('')}\r\n`),
  (p, r) =>
    raw('oversize request line', `GET ${p.path}?q=${'q'.repeat(r.pick([16_500, 70_000]))} HTTP/1.1\r\nHost: x\r\n\r\n`),
  (p) => raw('obsolete line folding', `${line(p)}X-Fold: a\r\n b\r\n\r\n`),
  (p) => raw('bare LF line endings', `${p.method} ${p.path} HTTP/1.1\nHost: x\n${p.auth.replace('\r\n', '\n')}\n`),
  (p) => raw('bare CR', `${p.method} ${p.path} HTTP/1.1\rHost: x\r\r`),
  (p) => raw('missing Host', `GET ${p.path} HTTP/1.1\r\n${p.auth}\r\n`),
  (p) => raw('two Host headers', `GET ${p.path} HTTP/1.1\r\nHost: a\r\nHost: b\r\n${p.auth}\r\n`),
  (p, r) =>
    raw(
      'odd Host',
      `GET ${p.path} HTTP/1.1\r\nHost: ${r.pick(['a b', 'x:99999', '[::1', 'a>; rel="next", <http://b', '', '..', 'é'])}\r\n${p.auth}\r\n`,
    ),
  (p, r) =>
    raw(
      'invalid header name',
      `${line(p)}${r.pick(['X A: 1', 'X:A: 1', ': 1', 'NoColon', 'X\tA: 1', '(x): 1', 'é: 1'])}\r\n\r\n`,
    ),
  (p) =>
    raw(
      'pipelined requests',
      `GET /health HTTP/1.1\r\nHost: x\r\n\r\n${line(p)}\r\nGET /v1/organization HTTP/1.1\r\nHost: x\r\n${p.auth}\r\n`,
    ),
  () => raw('valid request then garbage', `GET /health HTTP/1.1\r\nHost: x\r\n\r\n\x16\x03\x01\x02\x00garbage`),
  (p, r) =>
    raw(
      'absolute-form target',
      `GET ${r.pick(['http://evil.example', 'https://localhost:1'])}${p.path} HTTP/1.1\r\nHost: x\r\n${p.auth}\r\n`,
    ),
  () => raw('CONNECT authority-form', 'CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n'),
  () => raw('OPTIONS asterisk-form', 'OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n'),
  (p, r) =>
    raw(
      'odd method',
      `${r.pick(['G\0ET', 'GE T', 'X'.repeat(5_000), 'get', 'PRI', 'M-SEARCH', 'QUERY', 'LINK'])} ${p.path} HTTP/1.1\r\nHost: x\r\n${p.auth}\r\n`,
    ),
  () => raw('HTTP/2 preface', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'),
  () => raw('TLS ClientHello', Buffer.from('16030100a5010000a10303000102030405060708090a0b0c0d0e0f', 'hex')),
  (_p, r) => raw('random bytes', Buffer.from(Array.from({ length: r.int(1, 300) }, () => r.int(0, 255)))),
  () => raw('empty lines only', '\r\n\r\n\r\n', false),
  () => raw('nothing', '', false),
  (p) =>
    raw(
      'Expect: 100-continue',
      `${line(p)}${json}Expect: 100-continue\r\nContent-Length: ${p.body.length}\r\n\r\n${p.body}`,
    ),
  (p) =>
    raw(
      'Upgrade: h2c',
      `GET ${p.path} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n${p.auth}\r\n`,
    ),
  (p) => raw('Content-Length on GET', `GET ${p.path} HTTP/1.1\r\nHost: x\r\n${p.auth}Content-Length: 5\r\n\r\nhello`),
  (p, r) =>
    raw(
      'bad percent-encoding in the path',
      `GET ${p.path}${r.pick(['/%', '/%zz', '/%00', '/%C0%AF', '/%FF'])} HTTP/1.1\r\nHost: x\r\n${p.auth}\r\n`,
    ),
];

/** One raw framing case. */
export function framingCase(random: Random, ownerKey: string): RawCase {
  return random.pick(BUILDERS)(parts(random, ownerKey), random);
}
