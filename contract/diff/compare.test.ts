/**
 * The guard's verdicts, table-driven: each row edits a copy of the released contract (and, where the case needs a
 * history, the released copy too) and says whether a client of the released contract is broken.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compareContracts } from './compare.js';
import type { ChangeKind } from './model.js';

// biome-ignore lint/suspicious/noExplicitAny: test edits reach deep into the document
type Doc = Record<string, any>;
const RELEASED = parse(readFileSync(new URL('../released/v1.yaml', import.meta.url), 'utf8')) as Doc;
const TODAY = new Date('2026-11-27T12:00:00Z');

const schemas = (d: Doc) => d.components.schemas;
const op = (d: Doc, path: string, method: string) => d.paths[path][method];
/** Marks `target` deprecated; its description names the sunset and the link unless `marks` sets one. */
const deprecate = (target: Doc, marks: Record<string, unknown>) =>
  Object.assign(target, {
    deprecated: true,
    description: `Deprecated: works until ${String(marks['x-sunset'])}; see ${String(marks['x-deprecation-link'])}.`,
    ...marks,
  });
const FULL = {
  'x-deprecation-date': '2026-11-27',
  'x-sunset': '2027-06-30',
  'x-deprecation-link': '/docs#section/Migration-guides',
};

interface Case {
  given: { released?: (d: Doc) => void; proposed: (d: Doc) => void };
  want: { refused: boolean; kind: ChangeKind; mentions: RegExp };
}

const cases: [string, Case][] = [
  // Breaking: a client of the released contract fails.
  [
    'removing an operation',
    {
      given: { proposed: (d) => delete d.paths['/v1/mcps'].get },
      want: { refused: true, kind: 'breaking', mentions: /operation GET \/v1\/mcps/ },
    },
  ],
  [
    'removing a path',
    {
      given: { proposed: (d) => delete d.paths['/v1/usage'] },
      want: { refused: true, kind: 'breaking', mentions: /GET \/v1\/usage/ },
    },
  ],
  [
    'removing a response field',
    {
      given: {
        proposed: (d) => {
          delete schemas(d).Organization.properties.plan;
          schemas(d).Organization.required = schemas(d).Organization.required.filter((f: string) => f !== 'plan');
        },
      },
      want: { refused: true, kind: 'breaking', mentions: /`plan`/ },
    },
  ],
  [
    'making a response field optional',
    {
      given: {
        proposed: (d) => {
          schemas(d).Organization.required = schemas(d).Organization.required.filter((f: string) => f !== 'slug');
        },
      },
      want: { refused: true, kind: 'breaking', mentions: /slug/ },
    },
  ],
  [
    'removing an enum value the server sends',
    {
      given: {
        proposed: (d) => {
          schemas(d).McpStatus.enum = ['active'];
        },
      },
      want: {
        refused: true,
        kind: 'breaking',
        mentions: /Response 200 body `data(\[\])?\.status` is no longer "inactive"/,
      },
    },
  ],
  [
    'removing an error code from a response',
    {
      given: {
        proposed: (d) => {
          d.components.responses.Unauthorized.content[
            'application/json'
          ].schema.allOf[1].properties.error.properties.code.enum = ['unauthorized', 'expired_key'];
        },
      },
      want: { refused: true, kind: 'breaking', mentions: /error\.code/ },
    },
  ],
  [
    'changing an error code',
    {
      given: {
        proposed: (d) => {
          d.components.responses.BadRequest.content[
            'application/json'
          ].schema.allOf[1].properties.error.properties.code = { const: 'bad_request' };
        },
      },
      want: { refused: true, kind: 'breaking', mentions: /Response 400/ },
    },
  ],
  [
    'changing a success status',
    {
      given: {
        proposed: (d) => {
          const r = op(d, '/v1/mcps', 'post').responses;
          r['200'] = r['201'];
          delete r['201'];
        },
      },
      want: { refused: true, kind: 'breaking', mentions: /Response 201/ },
    },
  ],
  [
    'removing an error status',
    {
      given: { proposed: (d) => delete op(d, '/v1/mcps/{mcp_id}', 'get').responses['404'] },
      want: { refused: true, kind: 'breaking', mentions: /Response 404/ },
    },
  ],
  [
    'adding a required request field',
    {
      given: {
        proposed: (d) => {
          schemas(d).McpCreate.properties.region = { type: 'string' };
          schemas(d).McpCreate.required.push('region');
        },
      },
      want: { refused: true, kind: 'breaking', mentions: /region/ },
    },
  ],
  [
    'making a request field required',
    {
      given: { proposed: (d) => schemas(d).McpCreate.required.push('description') },
      want: { refused: true, kind: 'breaking', mentions: /description/ },
    },
  ],
  [
    'adding a required query parameter',
    {
      given: {
        proposed: (d) =>
          op(d, '/v1/mcps', 'get').parameters.push({
            name: 'region',
            in: 'query',
            required: true,
            schema: { type: 'string' },
          }),
      },
      want: { refused: true, kind: 'breaking', mentions: /region/ },
    },
  ],
  [
    'making a query parameter required',
    {
      given: {
        proposed: (d) => {
          op(d, '/v1/mcps', 'get').parameters[2].required = true;
        },
      },
      want: { refused: true, kind: 'breaking', mentions: /status/ },
    },
  ],
  [
    'removing a query parameter',
    {
      given: { proposed: (d) => op(d, '/v1/mcps', 'get').parameters.splice(3, 1) },
      want: { refused: true, kind: 'breaking', mentions: /health/ },
    },
  ],
  [
    'narrowing a request type',
    {
      given: {
        proposed: (d) => {
          schemas(d).McpCreate.properties.name.type = 'integer';
        },
      },
      want: { refused: true, kind: 'breaking', mentions: /name/ },
    },
  ],
  [
    'narrowing a request bound',
    {
      given: {
        proposed: (d) => {
          schemas(d).McpCreate.properties.name.maxLength = 20;
        },
      },
      want: { refused: true, kind: 'breaking', mentions: /maxLength/ },
    },
  ],
  [
    'narrowing a parameter bound',
    {
      given: {
        proposed: (d) => {
          d.components.parameters.PerPage.schema.maximum = 50;
        },
      },
      want: { refused: true, kind: 'breaking', mentions: /per_page/ },
    },
  ],
  [
    'widening a response type to null',
    {
      given: {
        proposed: (d) => {
          schemas(d).Organization.properties.name.type = ['string', 'null'];
        },
      },
      want: { refused: true, kind: 'breaking', mentions: /name/ },
    },
  ],
  [
    'removing a response header',
    {
      given: { proposed: (d) => delete op(d, '/v1/mcps', 'get').responses['200'].headers.Link },
      want: { refused: true, kind: 'breaking', mentions: /Link/ },
    },
  ],
  [
    'dropping an accepted authentication scheme',
    {
      given: {
        proposed: (d) => {
          d.security = [{ ApiKeyAuth: [] }];
        },
      },
      want: { refused: true, kind: 'breaking', mentions: /BearerAuth is no longer accepted/ },
    },
  ],
  [
    'making a public operation require a key',
    {
      given: { proposed: (d) => delete op(d, '/health', 'get').security },
      want: { refused: true, kind: 'breaking', mentions: /no authentication is no longer accepted/ },
    },
  ],
  [
    'changing the header a key is sent in',
    {
      given: {
        proposed: (d) => {
          d.components.securitySchemes.ApiKeyHeader.name = 'X-Key';
        },
      },
      want: { refused: true, kind: 'breaking', mentions: /ApiKeyHeader: name/ },
    },
  ],
  [
    'removing a deprecated operation before its sunset',
    {
      given: {
        released: (d) => deprecate(op(d, '/v1/mcps', 'get'), FULL),
        proposed: (d) => delete d.paths['/v1/mcps'].get,
      },
      want: { refused: true, kind: 'breaking', mentions: /sunset 2027-06-30 has not passed/ },
    },
  ],
  [
    'removing a deprecated parameter before its sunset',
    {
      given: {
        released: (d) => deprecate(op(d, '/v1/mcps', 'get').parameters[3], FULL),
        proposed: (d) => op(d, '/v1/mcps', 'get').parameters.splice(3, 1),
      },
      want: { refused: true, kind: 'breaking', mentions: /has not passed/ },
    },
  ],
  [
    'deprecating without a sunset',
    {
      given: {
        proposed: (d) =>
          deprecate(op(d, '/v1/mcps', 'get'), { 'x-deprecation-date': '2026-11-27', 'x-deprecation-link': '/docs' }),
      },
      want: { refused: true, kind: 'violation', mentions: /x-sunset/ },
    },
  ],
  [
    'deprecating without a migration link',
    {
      given: {
        proposed: (d) =>
          deprecate(op(d, '/v1/mcps', 'get'), { 'x-deprecation-date': '2026-11-27', 'x-sunset': '2027-06-30' }),
      },
      want: { refused: true, kind: 'violation', mentions: /x-deprecation-link/ },
    },
  ],
  [
    'deprecating without naming the sunset in the docs',
    {
      given: { proposed: (d) => deprecate(op(d, '/v1/mcps', 'get'), { ...FULL, description: 'Use something else.' }) },
      want: { refused: true, kind: 'violation', mentions: /description does not name its sunset 2027-06-30/ },
    },
  ],
  [
    'deprecating with less than six months of notice',
    {
      given: { proposed: (d) => deprecate(op(d, '/v1/mcps', 'get'), { ...FULL, 'x-sunset': '2027-03-01' }) },
      want: { refused: true, kind: 'violation', mentions: /6 months/ },
    },
  ],
  [
    'moving a sunset earlier',
    {
      given: {
        released: (d) => deprecate(op(d, '/v1/mcps', 'get'), { ...FULL, 'x-sunset': '2027-09-30' }),
        proposed: (d) => deprecate(op(d, '/v1/mcps', 'get'), FULL),
      },
      want: { refused: true, kind: 'violation', mentions: /moved earlier/ },
    },
  ],
  // Not breaking: listed, and let through.
  [
    'adding an operation',
    {
      given: {
        proposed: (d) => {
          d.paths['/v1/regions'] = {
            get: { operationId: 'listRegions', responses: { '200': { description: 'Regions.' } } },
          };
        },
      },
      want: { refused: false, kind: 'additive', mentions: /GET \/v1\/regions/ },
    },
  ],
  [
    'adding an optional query parameter',
    {
      given: {
        proposed: (d) =>
          op(d, '/v1/mcps', 'get').parameters.push({ name: 'region', in: 'query', schema: { type: 'string' } }),
      },
      want: { refused: false, kind: 'additive', mentions: /region/ },
    },
  ],
  [
    'adding an optional request field',
    {
      given: {
        proposed: (d) => {
          schemas(d).McpCreate.properties.region = { type: 'string' };
        },
      },
      want: { refused: false, kind: 'additive', mentions: /region/ },
    },
  ],
  [
    'adding a response field',
    {
      given: {
        proposed: (d) => {
          schemas(d).Organization.properties.region = { type: 'string' };
          schemas(d).Organization.required.push('region');
        },
      },
      want: { refused: false, kind: 'additive', mentions: /region/ },
    },
  ],
  [
    'adding an enum value the server sends',
    {
      given: { proposed: (d) => schemas(d).McpStatus.enum.push('paused') },
      want: { refused: false, kind: 'additive', mentions: /"paused"/ },
    },
  ],
  [
    'adding an error code',
    {
      given: {
        proposed: (d) => {
          schemas(d).ErrorCode.enum.push('gone');
          d.components.responses.NotFound.content[
            'application/json'
          ].schema.allOf[1].properties.error.properties.code.enum.push('gone');
        },
      },
      want: { refused: false, kind: 'additive', mentions: /"gone"/ },
    },
  ],
  [
    'adding an error code with the status it is sent with',
    {
      given: {
        proposed: (d) => {
          schemas(d).ErrorCode.enum.push('gone');
          schemas(d).ErrorCode['x-status-by-code'].gone = 410;
        },
      },
      want: { refused: false, kind: 'additive', mentions: /gone/ },
    },
  ],
  [
    'changing the status an error code is sent with',
    {
      given: { proposed: (d) => (schemas(d).ErrorCode['x-status-by-code'].conflict = 400) },
      want: { refused: true, kind: 'breaking', mentions: /conflict/ },
    },
  ],
  [
    'adding a field to a response example',
    {
      given: {
        proposed: (d) =>
          (op(d, '/v1/mcps/{mcp_id}', 'get').responses['200'].content['application/json'].example.data.extra = []),
      },
      want: { refused: false, kind: 'documentation', mentions: /extra/ },
    },
  ],
  [
    'widening a request bound',
    {
      given: {
        proposed: (d) => {
          schemas(d).McpCreate.properties.name.maxLength = 200;
        },
      },
      want: { refused: false, kind: 'additive', mentions: /maxLength/ },
    },
  ],
  [
    'widening a request type to null',
    {
      given: {
        proposed: (d) => {
          schemas(d).McpUpdate.properties.name.type = ['string', 'null'];
        },
      },
      want: { refused: false, kind: 'additive', mentions: /name/ },
    },
  ],
  [
    'making a request field optional',
    {
      given: {
        proposed: (d) => {
          schemas(d).McpCreate.required = ['name'];
        },
      },
      want: { refused: false, kind: 'additive', mentions: /endpoint_url/ },
    },
  ],
  [
    'accepting one more authentication scheme',
    {
      given: {
        proposed: (d) => {
          d.components.securitySchemes.Cookie = { type: 'apiKey', in: 'cookie', name: 'pmcp' };
          d.security.push({ Cookie: [] });
        },
      },
      want: { refused: false, kind: 'additive', mentions: /also accepts Cookie/ },
    },
  ],
  [
    'editing descriptions',
    {
      given: {
        proposed: (d) => {
          d.info.description += '\nMore words.';
          op(d, '/v1/mcps', 'get').summary = 'List every MCP server';
        },
      },
      want: { refused: false, kind: 'documentation', mentions: /description|summary/ },
    },
  ],
  [
    'deprecating an operation with six months of notice',
    {
      given: { proposed: (d) => deprecate(op(d, '/v1/mcps', 'get'), FULL) },
      want: { refused: false, kind: 'deprecated', mentions: /deprecated/ },
    },
  ],
  [
    'removing a deprecated operation after its sunset',
    {
      given: {
        released: (d) =>
          deprecate(op(d, '/v1/mcps', 'get'), {
            ...FULL,
            'x-deprecation-date': '2026-01-05',
            'x-sunset': '2026-07-06',
          }),
        proposed: (d) => delete d.paths['/v1/mcps'].get,
      },
      want: { refused: false, kind: 'removed-after-sunset', mentions: /operation GET \/v1\/mcps/ },
    },
  ],
  [
    'changing the value of a response example',
    {
      given: {
        proposed: (d) => {
          op(d, '/v1/organization/members/invite', 'post').responses['201'].content[
            'application/json'
          ].example.data.invite_url = 'https://api.plexmcp.com/invite#token=changed';
        },
      },
      want: { refused: false, kind: 'documentation', mentions: /invite_url/ },
    },
  ],
  [
    'removing a deprecated parameter after its sunset',
    {
      given: {
        released: (d) =>
          deprecate(op(d, '/v1/mcps', 'get').parameters[3], {
            ...FULL,
            'x-deprecation-date': '2026-01-05',
            'x-sunset': '2026-07-06',
          }),
        proposed: (d) => op(d, '/v1/mcps', 'get').parameters.splice(3, 1),
      },
      want: { refused: false, kind: 'removed-after-sunset', mentions: /health/ },
    },
  ],
];

describe('the breaking-change guard', () => {
  it.each(cases)('%s', (_name, { given, want }) => {
    const released = structuredClone(RELEASED);
    given.released?.(released);
    const proposed = structuredClone(released);
    given.proposed(proposed);
    const { changes, refused } = compareContracts(released, proposed, { today: TODAY });
    const matching = changes.filter(
      (c) => c.kind === want.kind && want.mentions.test(`${c.operation ?? ''} ${c.message}`),
    );
    expect(matching, JSON.stringify(changes, null, 1)).not.toEqual([]);
    expect(refused.length > 0, JSON.stringify(refused, null, 1)).toBe(want.refused);
  });

  it('finds nothing between a contract and itself', () => {
    expect(compareContracts(RELEASED, structuredClone(RELEASED), { today: TODAY }).changes).toEqual([]);
  });
});
