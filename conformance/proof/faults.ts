/**
 * The faults the suite must catch: each breaks one promise of the contract, and names the checks that must then fail.
 * Together they give every check a fault it is held to.
 */
import { createHash } from 'node:crypto';
import { parse, stringify } from 'yaml';
import type { FaultCase } from './fault-case.js';
import type { Fault, ProxyRequest, ProxyResponse } from './fault-proxy.js';
import { GENERATED_INPUT_FAULTS } from './generated-input-faults.js';

export type { FaultCase } from './fault-case.js';

import { codeOf, editJson, errorBody, fakeSuccess, type JsonBody, pathOf, queryOf, replaceWith } from './json-edit.js';

const isJsonBody = (req: ProxyRequest) => (req.headers['content-type'] ?? '').startsWith('application/json');
const parses = (body: Buffer) => {
  try {
    JSON.parse(body.toString() || 'null');
    return true;
  } catch {
    return false;
  }
};
const keyOf = (req: ProxyRequest) => req.headers.authorization?.split(' ')[1] ?? req.headers['x-api-key'];
const onStatus = (
  status: number,
  then: (
    res: Parameters<NonNullable<Fault['response']>>[0],
    req: ProxyRequest,
  ) => ReturnType<NonNullable<Fault['response']>>,
): Fault => ({
  response: (res, req) => (res.status === status ? then(res, req) : res),
});
const onCode = (code: string, status: number, body: unknown): Fault => ({
  response: (res) => (codeOf(res) === code ? replaceWith(res, status, body) : res),
});

/** State for faults that need memory across requests (a fresh one per use). */
function neverRecovers(): Fault {
  let limitedUntil = 0;
  return {
    response: (res) => {
      if (res.status === 429) limitedUntil = Date.now() + 15_000;
      else if (Date.now() < limitedUntil) return replaceWith(res, 429, errorBody('rate_limited'));
      return res;
    },
  };
}

function repeatsFirstItem(): Fault {
  const firsts = new Map<string, unknown>();
  return {
    response: (res, req) =>
      editJson(res, (b) => {
        if (!Array.isArray(b.data) || !b.pagination) return;
        const page = Number(queryOf(req.url).get('page') ?? '1');
        if (page === 1 && b.data.length) firsts.set(pathOf(req.url), b.data[0]);
        else if (page > 1 && b.data.length && firsts.has(pathOf(req.url))) b.data[0] = firsts.get(pathOf(req.url));
      }),
  };
}

type Doc = Record<string, Record<string, Record<string, Record<string, unknown>>>>;

/** Edits the contract the deployment serves, in both its forms (/openapi.json and /openapi.yaml). */
function servedContract(edit: (doc: Doc) => void): Fault {
  return {
    response: (res, req) => {
      const path = pathOf(req.url);
      if (res.status !== 200 || (path !== '/openapi.json' && path !== '/openapi.yaml')) return res;
      const json = path === '/openapi.json';
      const doc = (json ? JSON.parse(res.body) : parse(res.body)) as Doc;
      edit(doc);
      return { ...res, body: json ? JSON.stringify(doc) : stringify(doc) };
    },
  };
}

/** GET /v1/organization deprecated in the served contract, its metadata complete: a year of notice from today. */
function deprecatesGetOrganization(doc: Doc): void {
  const today = new Date().toISOString().slice(0, 10);
  const sunset = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  const link = '/docs#section/Migration-guides';
  Object.assign(doc.paths?.['/v1/organization']?.get ?? {}, {
    deprecated: true,
    description: `Deprecated: works until ${sunset}; see ${link}.`,
    'x-deprecation-date': today,
    'x-sunset': sunset,
    'x-deprecation-link': link,
  });
}
/** A list response rewritten whole; other responses untouched. */
function onLists(edit: (body: JsonBody, req: ProxyRequest, res: ProxyResponse) => void): Fault {
  return {
    response: (res, req) =>
      req.method === 'GET' && res.status === 200
        ? editJson(res, (b) => void (Array.isArray(b.data) && b.pagination && edit(b, req, res)))
        : res,
  };
}

/** The last item of the last page of one list goes missing; other lists are untouched. */
const losesTailOf = (path: string): Fault =>
  onLists((b, req) => {
    const p = b.pagination as Record<string, number>;
    if (pathOf(req.url) === path && p.page === p.total_pages && Array.isArray(b.data) && b.data.length > 0)
      b.data.pop();
  });

/** Remembers the first API key each accepted invitation returned (the new member's), by member id. */
function memberKeys() {
  const keys = new Map<string, string>();
  return {
    record(res: ProxyResponse, req: ProxyRequest): void {
      if (req.method !== 'POST' || pathOf(req.url) !== '/v1/invitations/accept' || res.status !== 201) return;
      const data = (JSON.parse(res.body) as { data?: { member?: { id?: string }; api_key?: { key?: string } } }).data;
      if (data?.member?.id && data.api_key?.key) keys.set(data.api_key.key, data.member.id);
    },
    has: (key: string | undefined) => key !== undefined && keys.has(key),
  };
}

/** A removed member's keys keep working: a 401 for a key an accepted invitation returned becomes the organisation. */
function removedMemberKeyAccepted(): Fault {
  const members = memberKeys();
  let organization: string | undefined;
  return {
    response: (res, req) => {
      members.record(res, req);
      if (req.method === 'GET' && pathOf(req.url) === '/v1/organization' && res.status === 200) organization = res.body;
      if (res.status === 401 && members.has(keyOf(req)) && organization)
        return replaceWith(res, 200, JSON.parse(organization));
      return res;
    },
  };
}

/** An invitation's token can be used again: a second accept of a token answers the first acceptance once more. */
function acceptReplayable(): Fault {
  const answers = new Map<string, ProxyResponse>();
  return {
    response: (res, req) => {
      if (req.method !== 'POST' || pathOf(req.url) !== '/v1/invitations/accept') return res;
      const token = (JSON.parse(req.body.toString() || '{}') as { token?: string }).token ?? '';
      if (res.status === 201) answers.set(token, res);
      const first = answers.get(token);
      return res.status === 404 && first ? replaceWith(res, 201, JSON.parse(first.body)) : res;
    },
  };
}

/** Fresh per call: some of these remember what they saw. */
const lifecycleFaults = (): FaultCase[] => [
  {
    name: 'still reads a withdrawn invitation',
    target: 'self-hosted',
    detectedBy: ['LIFE-003'],
    kinds: { 'LIFE-003': 'withdrawn-still-served' },
    fault: {
      response: (res, req) =>
        req.method === 'GET' && /^\/v1\/organization\/invitations\/[^/]+$/.test(pathOf(req.url)) && res.status === 404
          ? replaceWith(res, 200, fakeSuccess)
          : res,
    },
  },
  {
    name: "keeps accepting a removed member's key",
    target: 'self-hosted',
    detectedBy: ['LIFE-004'],
    kinds: { 'LIFE-004': 'removed-key-accepted' },
    fault: removedMemberKeyAccepted(),
  },
  {
    name: 'lets an invitation be accepted twice',
    target: 'self-hosted',
    detectedBy: ['LIFE-004'],
    kinds: { 'LIFE-004': 'accept-replayed' },
    fault: acceptReplayable(),
  },
];

const LIST_FAULTS: FaultCase[] = [
  {
    name: 'loses the last member of the members list',
    target: 'self-hosted',
    detectedBy: ['PAGE-006'],
    kinds: { 'PAGE-006': 'list-tail-lost' },
    fault: losesTailOf('/v1/organization/members'),
  },
  {
    name: 'loses the last pending invitation of the list',
    target: 'self-hosted',
    detectedBy: ['PAGE-006'],
    kinds: { 'PAGE-006': 'list-tail-lost' },
    fault: losesTailOf('/v1/organization/invitations'),
  },
  {
    name: 'loses the last item of the last page',
    target: 'self-hosted',
    detectedBy: ['PAGE-006'],
    kinds: { 'PAGE-006': 'list-tail-lost' },
    fault: onLists((b) => {
      const p = b.pagination as Record<string, number>;
      if (p.page === p.total_pages && Array.isArray(b.data) && b.data.length > 0) b.data.pop();
    }),
  },
  {
    name: 'counts one item too many on lists longer than five',
    target: 'self-hosted',
    detectedBy: ['PAGE-006'],
    kinds: { 'PAGE-006': 'list-total' },
    fault: onLists((b) => {
      const p = b.pagination as Record<string, number>;
      if ((p.total ?? 0) > 5) {
        p.total = (p.total ?? 0) + 1;
        p.total_pages = Math.ceil((p.total ?? 0) / (p.per_page ?? 1));
      }
    }),
  },
  {
    name: 'sends Link targets on another origin',
    target: 'self-hosted',
    detectedBy: ['PAGE-006'],
    kinds: { 'PAGE-006': 'link-origin' },
    fault: {
      response: (res) => {
        if (res.headers.link)
          res.headers.link = res.headers.link.replace(/<[^>]*?(\/v1\/)/g, '<https://api.other.example$1');
        return res;
      },
    },
  },
  {
    name: 'leaks key hashes in API key responses',
    target: 'self-hosted',
    detectedBy: ['SCHEMA-001', 'AUTH-012'],
    kinds: { 'SCHEMA-001': 'undeclared-field', 'AUTH-012': 'secret-shaped' },
    fault: {
      response: (res, req) =>
        pathOf(req.url).startsWith('/v1/api-keys')
          ? editJson(res, (b) => {
              const hash = (id: unknown) => createHash('sha256').update(String(id)).digest('hex');
              if (Array.isArray(b.data)) for (const k of b.data as Record<string, unknown>[]) k.key_hash = hash(k.id);
              else if (b.data && typeof b.data === 'object') (b.data as Record<string, unknown>).key_hash = hash('x');
            })
          : res,
    },
  },
];

/**
 * Refuses a key with `code` only on GET /v1/organization: once the deployment has refused it there, the key is
 * remembered and, on every other route, swapped for the main key, as a deployment that checks revocation or expiry
 * in one place only would behave.
 */
function refusesOnlyOnOrganization(code: string, mainKey: string): Fault {
  const refused = new Set<string>();
  const isOrganization = (req: ProxyRequest) => req.method === 'GET' && pathOf(req.url) === '/v1/organization';
  return {
    request: (req) => {
      const key = keyOf(req);
      if (!key || !refused.has(key) || isOrganization(req)) return req;
      const headers: Record<string, string> = { ...req.headers, authorization: `ApiKey ${mainKey}` };
      delete headers['x-api-key'];
      return { ...req, headers };
    },
    response: (res, req) => {
      const key = keyOf(req);
      if (key && codeOf(res) === code) refused.add(key);
      return res;
    },
  };
}

/** A request another key sends that the deployment refuses with `code` is carried out with the main key instead. */
function withMainKeyWhen(mainKey: string, code: string, applies: (req: ProxyRequest) => boolean): Fault {
  return {
    around: async (req, send) => {
      const res = await send(req);
      if (!applies(req) || keyOf(req) === mainKey || codeOf(res) !== code) return res;
      const headers: Record<string, string> = { ...req.headers, authorization: `ApiKey ${mainKey}` };
      delete headers['x-api-key'];
      return send({ ...req, headers });
    },
  };
}

/**
 * The key-management hole: a rename or revocation of an API key the caller may not manage (which the deployment
 * answers 404) is carried out anyway, so a member key renames and revokes an owner's.
 */
const keyManagementHole = (mainKey: string) =>
  withMainKeyWhen(
    mainKey,
    'not_found',
    (req) => (req.method === 'PATCH' || req.method === 'DELETE') && /^\/v1\/api-keys\/[^/]+$/.test(pathOf(req.url)),
  );

/** One operation (updateMcp) without its role check: a key below admin that is refused is served as the main key. */
const missingRoleCheck = (mainKey: string) =>
  withMainKeyWhen(mainKey, 'forbidden', (req) => req.method === 'PATCH' && /^\/v1\/mcps\/[^/]+$/.test(pathOf(req.url)));

/** `organization.usage.monthly_requests` stuck at the first figure it showed: invocations no longer counted there. */
function frozenMonthlyFigure(): Fault {
  let first: unknown;
  return {
    response: (res, req) =>
      pathOf(req.url) === '/v1/organization' && req.method === 'GET'
        ? editJson(res, (b) => {
            const usage = (b.data as { usage?: Record<string, unknown> } | undefined)?.usage;
            if (!usage) return;
            first ??= usage.monthly_requests;
            usage.monthly_requests = first;
          })
        : res,
  };
}

/** Lists served from a cache that never learns of updates: each item as the list first showed it. */
function staleListCache(): Fault {
  const seen = new Map<string, unknown>();
  return {
    response: (res, req) =>
      req.method === 'GET' && ['/v1/mcps', '/v1/api-keys'].includes(pathOf(req.url))
        ? editJson(res, (b) => {
            if (!Array.isArray(b.data)) return;
            b.data = b.data.map((item: { id?: string }) => {
              const key = `${pathOf(req.url)} ${item.id}`;
              if (!seen.has(key)) seen.set(key, item);
              return seen.get(key);
            });
          })
        : res,
  };
}

/** Keys issued beyond the issuer: a createApiKey refused for asking more than the caller has is issued anyway. */
const privilegeEscalation = (mainKey: string) =>
  withMainKeyWhen(mainKey, 'forbidden', (req) => req.method === 'POST' && pathOf(req.url) === '/v1/api-keys');

const RATE_HEADERS = [
  'ratelimit-policy',
  'ratelimit',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
];

/**
 * `X-RateLimit-Remaining` (and `RateLimit`'s `r`) rewritten on every served response by `lie`, from the true figure
 * and how many served responses came before (a fresh count per use).
 */
function lyingRemaining(lie: (truth: number, limit: number, served: number) => number): Fault {
  let served = 0;
  return {
    response: (res) => {
      const limit = Number(res.headers['x-ratelimit-limit']);
      const truth = Number(res.headers['x-ratelimit-remaining']);
      if (!limit || res.status === 429 || !Number.isFinite(truth)) return res;
      const remaining = String(lie(truth, limit, served++));
      res.headers['x-ratelimit-remaining'] = remaining;
      res.headers.ratelimit = (res.headers.ratelimit ?? '').replace(/;r=\d+/, `;r=${remaining}`);
      return res;
    },
  };
}

/** A limiter the deployment does not publish: past 10 requests in a one-second window, 429 without any header. */
function unpublishedLimiter(): Fault {
  let windowStart = 0;
  let served = 0;
  return {
    response: (res) => {
      const now = Date.now();
      if (now - windowStart >= 1000) {
        windowStart = now;
        served = 0;
      }
      return ++served > 10 ? replaceWith(res, 429, errorBody('rate_limited')) : res;
    },
  };
}

const RATE_FAULTS: FaultCase[] = [
  {
    // The organisation's plan publishes no request rate (null), yet the deployment limits it: a client told it is
    // unlimited meets 429s it was never warned of.
    name: 'limits an organisation whose plan publishes no limit',
    target: 'self-hosted',
    detectedBy: ['RATE-002', 'RATE-003', 'RATE-004'],
    kinds: {
      'RATE-002': 'limited-while-unlimited',
      'RATE-003': 'limited-while-unlimited',
      'RATE-004': 'limited-while-unlimited',
    },
    fault: unpublishedLimiter(),
  },
  {
    name: 'publishes an unlimited plan but sends rate-limit headers',
    target: 'rate-limited',
    detectedBy: ['RATE-001'],
    kinds: { 'RATE-001': 'rate-headers-unlimited' },
    fault: {
      response: (res, req) =>
        pathOf(req.url) === '/v1/organization'
          ? editJson(res, (b) => {
              const limits = (b.data as { limits?: Record<string, unknown> } | undefined)?.limits;
              if (limits) limits.requests_per_second = null;
            })
          : res,
    },
  },
  {
    name: 'sends no rate-limit headers although its plan is limited',
    target: 'rate-limited',
    detectedBy: ['RATE-001', 'RATE-002', 'RATE-003', 'RATE-004'],
    kinds: { 'RATE-001': 'rate-headers-missing' },
    fault: {
      response: (res) => {
        for (const h of RATE_HEADERS) delete res.headers[h];
        return res;
      },
    },
  },
  {
    name: 'advertises twice the quota its plan publishes',
    target: 'rate-limited',
    detectedBy: ['RATE-001'],
    kinds: { 'RATE-001': 'rate-quota-mismatch' },
    fault: {
      response: (res) => {
        const limit = Number(res.headers['x-ratelimit-limit']);
        if (!limit) return res;
        res.headers['x-ratelimit-limit'] = String(limit * 2);
        res.headers['ratelimit-policy'] = `"default";q=${limit * 2};w=1`;
        return res;
      },
    },
  },
  {
    name: 'reports a remaining that climbs back to the limit every third response',
    target: 'rate-limited',
    detectedBy: ['RATE-003'],
    kinds: { 'RATE-003': 'rate-header-lie' },
    fault: lyingRemaining(
      (_truth, limit, served) => [limit, Math.max(0, limit - 8), Math.max(0, limit - 15)][served % 3] ?? 0,
    ),
  },
  {
    name: 'counts X-RateLimit-Remaining up instead of down',
    target: 'rate-limited',
    detectedBy: ['RATE-003'],
    kinds: { 'RATE-003': 'rate-header-lie' },
    // Plausible figures (0 to limit − 1, none repeated in a window), but rising as requests arrive.
    fault: lyingRemaining((truth, limit) => limit - 1 - truth),
  },
  {
    name: 'asks for a Retry-After far longer than the window',
    target: 'rate-limited',
    detectedBy: ['RATE-003', 'RATE-004'],
    kinds: { 'RATE-003': 'retry-after-long', 'RATE-004': 'retry-after-long' },
    fault: onStatus(429, (res) => {
      res.headers['retry-after'] = '4';
      return res;
    }),
  },
  {
    name: 'hides a retrying proxy in front of a limited server',
    target: 'rate-limited',
    detectedBy: ['RATE-003', 'RATE-004'],
    kinds: { 'RATE-003': 'requests-held' },
    fault: {
      around: async (req, send) => {
        for (let attempt = 0; ; attempt++) {
          const res = await send(req);
          if (res.status !== 429 || attempt >= 10) return res;
          const wait = Number.parseInt(res.headers['retry-after'] ?? '1', 10) || 1;
          await new Promise((r) => setTimeout(r, wait * 1000));
        }
      },
    },
  },
];

export function faultCases(mainKey: string): FaultCase[] {
  return [
    ...LIST_FAULTS,
    ...lifecycleFaults(),
    ...RATE_FAULTS,
    ...GENERATED_INPUT_FAULTS,
    {
      name: 'accepts a revoked key on every route but GET /v1/organization',
      target: 'self-hosted',
      detectedBy: ['AUTH-006'],
      kinds: { 'AUTH-006': 'revoked-accepted' },
      fault: refusesOnlyOnOrganization('revoked_key', mainKey),
    },
    {
      name: 'accepts an expired key on every route but GET /v1/organization',
      target: 'self-hosted',
      detectedBy: ['AUTH-007'],
      kinds: { 'AUTH-007': 'expired-accepted' },
      fault: refusesOnlyOnOrganization('expired_key', mainKey),
    },
    {
      name: 'lets another organisation update, test and delete its resources',
      target: 'self-hosted',
      detectedBy: ['AUTH-009'],
      kinds: { 'AUTH-009': 'other-org-visible' },
      fault: {
        response: (res, req) =>
          req.method !== 'GET' && codeOf(res) === 'not_found' ? replaceWith(res, 200, fakeSuccess) : res,
      },
    },
    {
      name: "lets a member key rename and revoke the owner's keys",
      target: 'self-hosted',
      detectedBy: ['AUTH-013'],
      kinds: { 'AUTH-013': 'key-management-hole' },
      fault: keyManagementHole(mainKey),
    },
    {
      name: 'serves lists from a cache that misses updates',
      target: 'self-hosted',
      detectedBy: ['LIFE-001', 'LIFE-002'],
      kinds: { 'LIFE-001': 'list-detail-mismatch', 'LIFE-002': 'list-detail-mismatch' },
      fault: staleListCache(),
    },
    {
      name: 'counts one request too many in the usage summary',
      target: 'self-hosted',
      detectedBy: ['INV-006'],
      kinds: { 'INV-006': 'usage-summary-mismatch' },
      fault: {
        response: (res, req) =>
          pathOf(req.url) === '/v1/usage'
            ? editJson(res, (b) => {
                const requests = (b.data as { requests?: { total: number } } | undefined)?.requests;
                if (requests) requests.total += 1;
              })
            : res,
      },
    },
    {
      name: "leaves the last invocation out of a key's usage",
      target: 'self-hosted',
      detectedBy: ['INV-006'],
      kinds: { 'INV-006': 'usage-key-mismatch' },
      fault: {
        response: (res, req) =>
          /^\/v1\/api-keys\/[^/]+\/usage$/.test(pathOf(req.url))
            ? editJson(res, (b) => {
                const usage = b.data as { total_requests?: number } | undefined;
                if (usage?.total_requests) usage.total_requests -= 1;
              })
            : res,
      },
    },
    {
      name: "stops counting invocations in the organisation's monthly figure",
      target: 'self-hosted',
      detectedBy: ['INV-006'],
      kinds: { 'INV-006': 'monthly-figure-mismatch' },
      fault: frozenMonthlyFigure(),
    },
    {
      name: 'lets a key issue keys with a higher role or a wider scope than its own',
      target: 'self-hosted',
      detectedBy: ['AUTH-013'],
      kinds: { 'AUTH-013': 'privilege-escalation' },
      fault: privilegeEscalation(mainKey),
    },
    {
      name: 'misses the role check on updateMcp',
      target: 'self-hosted',
      detectedBy: ['AUTH-013'],
      kinds: { 'AUTH-013': 'role-not-enforced' },
      fault: missingRoleCheck(mainKey),
    },
    {
      name: 'still tests an MCP server after deleting it',
      target: 'self-hosted',
      detectedBy: ['LIFE-001'],
      kinds: { 'LIFE-001': 'deleted-still-served' },
      fault: {
        response: (res, req) =>
          req.method === 'POST' && /^\/v1\/mcps\/[^/]+\/test$/.test(pathOf(req.url)) && codeOf(res) === 'not_found'
            ? replaceWith(res, 200, fakeSuccess)
            : res,
      },
    },
    {
      name: 'answers inviteMember with 500',
      target: 'self-hosted',
      detectedBy: ['LIFE-003'],
      fault: {
        response: (res, req) =>
          pathOf(req.url) === '/v1/organization/members/invite' && res.status === 201
            ? replaceWith(res, 500, errorBody('internal_error'))
            : res,
      },
    },
    {
      name: 'drops X-Request-Id',
      target: 'self-hosted',
      detectedBy: ['ENV-001', 'ENV-007', 'SCHEMA-002'],
      fault: { response: (res) => void delete res.headers['x-request-id'] },
    },
    {
      name: 'answers errors outside the envelope',
      target: 'self-hosted',
      detectedBy: ['ENV-002', 'AUTH-001', 'NEG-004', 'SCHEMA-002'],
      fault: {
        response: (res) => (res.status >= 400 ? { ...res, body: JSON.stringify({ message: 'Not good' }) } : res),
      },
    },
    {
      name: 'drops Allow on 405',
      target: 'self-hosted',
      detectedBy: ['ENV-003', 'SCHEMA-002'],
      fault: onStatus(405, (res) => void delete res.headers.allow),
    },
    {
      name: 'crashes on malformed JSON',
      target: 'self-hosted',
      detectedBy: ['ENV-004'],
      fault: {
        response: (res, req) =>
          isJsonBody(req) && !parses(req.body) ? replaceWith(res, 500, errorBody('internal_error')) : res,
      },
    },
    {
      name: 'answers a wrong content type with 415',
      target: 'self-hosted',
      detectedBy: ['ENV-005'],
      fault: {
        response: (res, req) =>
          req.method === 'POST' && !isJsonBody(req) ? replaceWith(res, 415, errorBody('invalid_request')) : res,
      },
    },
    {
      name: 'accepts any body size',
      target: 'self-hosted',
      detectedBy: ['ENV-006'],
      fault: onStatus(413, (res) => replaceWith(res, 500, errorBody('internal_error'))),
    },
    {
      name: 'ignores the client X-Request-Id',
      target: 'self-hosted',
      detectedBy: ['ENV-007'],
      fault: {
        response: (res) => {
          res.headers['x-request-id'] = `req_${Math.random().toString(36).slice(2)}`;
          return res;
        },
      },
    },
    {
      name: 'leaks stack traces',
      target: 'self-hosted',
      detectedBy: ['ENV-008'],
      fault: {
        response: (res) =>
          res.status >= 400
            ? editJson(res, (b) => {
                if (b.error) b.error.details = { stack: 'Error: boom\n    at handler (/srv/app/routes.js:10:5)' };
              })
            : res,
      },
    },
    {
      name: 'accepts Basic and Token schemes',
      target: 'self-hosted',
      detectedBy: ['AUTH-002'],
      fault: {
        request: (req) => {
          const auth = req.headers.authorization ?? '';
          if (auth.startsWith('Basic '))
            req.headers.authorization = `ApiKey ${Buffer.from(auth.slice(6), 'base64').toString().replace(/:$/, '')}`;
          if (auth.startsWith('Token ')) req.headers.authorization = `ApiKey ${auth.slice(6)}`;
          return req;
        },
      },
    },
    {
      name: 'accepts unknown keys',
      target: 'self-hosted',
      detectedBy: ['AUTH-003'],
      fault: {
        request: (req) =>
          keyOf(req) ? { ...req, headers: { ...req.headers, authorization: `ApiKey ${mainKey}` } } : req,
      },
    },
    {
      name: 'refuses Bearer',
      target: 'self-hosted',
      detectedBy: ['AUTH-004'],
      fault: {
        request: (req) =>
          (req.headers.authorization ?? '').startsWith('Bearer ')
            ? { ...req, headers: { ...req.headers, authorization: 'Bearer refused' } }
            : req,
      },
    },
    {
      name: 'validates before authenticating',
      target: 'self-hosted',
      detectedBy: ['AUTH-005'],
      fault: {
        response: (res, req) =>
          !keyOf(req) && queryOf(req.url).has('per_page') ? replaceWith(res, 400, errorBody('invalid_request')) : res,
      },
    },
    {
      name: 'accepts revoked keys',
      target: 'self-hosted',
      detectedBy: ['AUTH-006', 'LIFE-002'],
      fault: onCode('revoked_key', 200, fakeSuccess),
    },
    {
      name: 'accepts expired keys',
      target: 'self-hosted',
      detectedBy: ['AUTH-007'],
      fault: onCode('expired_key', 200, fakeSuccess),
    },
    {
      name: 'ignores key scopes',
      target: 'self-hosted',
      detectedBy: ['AUTH-008'],
      fault: onCode('mcp_not_permitted', 200, fakeSuccess),
    },
    {
      name: "shows other organisations' resources",
      target: 'self-hosted',
      detectedBy: ['AUTH-009'],
      fault: onCode('not_found', 200, fakeSuccess),
    },
    {
      name: 'lists key secrets',
      target: 'self-hosted',
      detectedBy: ['AUTH-010'],
      fault: {
        response: (res, req) =>
          req.method === 'GET' && pathOf(req.url) === '/v1/api-keys'
            ? editJson(res, (b) => {
                if (Array.isArray(b.data)) {
                  for (const k of b.data as Record<string, unknown>[]) k.key = `pmcp_${'L'.repeat(43)}`;
                }
              })
            : res,
      },
    },
    {
      name: 'lets viewers write',
      target: 'self-hosted',
      detectedBy: ['AUTH-011'],
      fault: onCode('forbidden', 201, fakeSuccess),
    },
    {
      name: 'accepts out-of-range per_page',
      target: 'self-hosted',
      detectedBy: ['PAGE-001'],
      fault: {
        request: (req) => {
          const q = queryOf(req.url);
          const perPage = Number(q.get('per_page'));
          if (q.has('per_page') && !(perPage >= 1 && perPage <= 100)) q.set('per_page', '20');
          return { ...req, url: `${pathOf(req.url)}?${q.toString()}` };
        },
      },
    },
    {
      name: 'miscounts total_pages',
      target: 'self-hosted',
      detectedBy: ['PAGE-002'],
      fault: {
        response: (res) =>
          editJson(res, (b) => {
            if (b.pagination) b.pagination.total_pages = (b.pagination.total_pages ?? 0) + 1;
          }),
      },
    },
    { name: 'repeats items across pages', target: 'self-hosted', detectedBy: ['PAGE-003'], fault: repeatsFirstItem() },
    {
      name: 'answers 404 past the last page',
      target: 'self-hosted',
      detectedBy: ['PAGE-004'],
      fault: {
        response: (res) => {
          let empty = false;
          editJson(res, (b) => {
            empty = Array.isArray(b.data) && b.data.length === 0 && (b.pagination?.page ?? 1) > 1;
          });
          return empty ? replaceWith(res, 404, errorBody('not_found')) : res;
        },
      },
    },
    {
      name: 'drops the Link header',
      target: 'self-hosted',
      detectedBy: ['PAGE-005'],
      fault: { response: (res) => void delete res.headers.link },
    },
    {
      name: 'crashes on invalid invocations',
      target: 'self-hosted',
      detectedBy: ['NEG-001'],
      fault: {
        response: (res, req) =>
          pathOf(req.url) === '/mcp' && codeOf(res) === 'validation_error'
            ? replaceWith(res, 500, errorBody('internal_error'))
            : res,
      },
    },
    {
      name: 'crashes on invalid writes',
      target: 'self-hosted',
      detectedBy: ['NEG-002'],
      fault: {
        response: (res, req) =>
          pathOf(req.url) !== '/mcp' && codeOf(res) === 'validation_error'
            ? replaceWith(res, 500, errorBody('internal_error'))
            : res,
      },
    },
    {
      name: 'ignores invalid filters',
      target: 'self-hosted',
      detectedBy: ['NEG-003'],
      fault: {
        request: (req) => {
          const q = queryOf(req.url);
          for (const [k, v] of [...q]) if (v.startsWith('conformance-')) q.delete(k);
          return { ...req, url: `${pathOf(req.url)}${q.size ? `?${q.toString()}` : ''}` };
        },
      },
    },
    {
      name: 'accepts any date range',
      target: 'self-hosted',
      detectedBy: ['NEG-005'],
      fault: {
        request: (req) => {
          const q = queryOf(req.url);
          q.delete('start_date');
          q.delete('end_date');
          return { ...req, url: `${pathOf(req.url)}${q.size ? `?${q.toString()}` : ''}` };
        },
      },
    },
    {
      name: 'answers 403 for unknown ids',
      target: 'self-hosted',
      detectedBy: ['NEG-004', 'INV-001'],
      fault: onCode('not_found', 403, errorBody('forbidden')),
    },
    {
      name: "rejects the contract's own key example",
      target: 'self-hosted',
      detectedBy: ['POS-001'],
      fault: {
        response: (res, req) =>
          req.method === 'POST' && pathOf(req.url) === '/v1/api-keys' && req.body.toString().includes('Development Key')
            ? replaceWith(res, 422, {
                success: false,
                error: { code: 'validation_error', message: 'no', details: { name: 'no' } },
              })
            : res,
      },
    },
    {
      name: 'ignores organisation renames',
      target: 'self-hosted',
      detectedBy: ['POS-002'],
      fault: {
        request: (req) =>
          req.method === 'PATCH' && pathOf(req.url) === '/v1/organization'
            ? { ...req, body: Buffer.from('{"settings":{}}') }
            : req,
      },
    },
    {
      name: 'ignores status in MCP updates',
      target: 'self-hosted',
      detectedBy: ['LIFE-001'],
      fault: {
        request: (req) => {
          if (req.method !== 'PATCH' || !pathOf(req.url).startsWith('/v1/mcps/')) return req;
          const body = JSON.parse(req.body.toString()) as Record<string, unknown>;
          delete body.status;
          return { ...req, body: Buffer.from(JSON.stringify(body)) };
        },
      },
    },
    {
      name: 'creates twice under one Idempotency-Key',
      target: 'self-hosted',
      detectedBy: ['IDEM-001'],
      fault: {
        request: (req) => {
          const headers = { ...req.headers };
          delete headers['idempotency-key'];
          return { ...req, headers };
        },
      },
    },
    {
      name: 'has no did-you-mean and fails unknown tools with 502',
      target: 'self-hosted',
      detectedBy: ['INV-002'],
      fault: onCode('tool_not_found', 502, errorBody('mcp_error')),
    },
    {
      name: 'forwards bad arguments upstream',
      target: 'self-hosted',
      detectedBy: ['INV-003'],
      fault: onCode('invalid_arguments', 502, errorBody('mcp_error')),
    },
    {
      name: 'drops invocation metadata',
      target: 'self-hosted',
      detectedBy: ['INV-004'],
      fault: {
        response: (res, req) =>
          pathOf(req.url) === '/mcp' && res.status === 200
            ? editJson(res, (b) => void delete (b.data as Record<string, unknown>).metadata)
            : res,
      },
    },
    {
      name: 'records no usage',
      target: 'self-hosted',
      detectedBy: ['INV-005'],
      fault: {
        response: (res, req) =>
          pathOf(req.url) === '/v1/usage/history'
            ? editJson(res, (b) => {
                b.data = [];
                if (b.pagination) b.pagination = { ...b.pagination, total: 0, total_pages: 0 };
              })
            : res,
      },
    },
    {
      name: 'drops a required field',
      target: 'self-hosted',
      detectedBy: ['SCHEMA-001', 'SCHEMA-002'],
      fault: {
        response: (res, req) =>
          pathOf(req.url) === '/v1/organization' && res.status === 200
            ? editJson(res, (b) => void delete (b.data as Record<string, unknown>).plan)
            : res,
      },
    },
    {
      name: 'serves an outdated contract',
      target: 'self-hosted',
      detectedBy: ['SCHEMA-003'],
      fault: {
        response: (res, req) =>
          pathOf(req.url) === '/openapi.json'
            ? editJson(res, (b) => void delete (b.paths as Record<string, unknown>)['/mcp'])
            : res,
      },
    },
    {
      name: 'serves a contract without a v1 response field',
      target: 'self-hosted',
      detectedBy: ['VER-001'],
      fault: servedContract((doc) => {
        const organization = doc.components?.schemas?.Organization as { properties: object; required: string[] };
        delete (organization.properties as Record<string, unknown>).plan;
        organization.required = organization.required.filter((name) => name !== 'plan');
      }),
    },
    {
      name: 'documents a deprecation it does not announce',
      target: 'self-hosted',
      detectedBy: ['VER-002'],
      fault: servedContract(deprecatesGetOrganization),
    },
    {
      name: 'announces a deprecation the contract does not declare',
      target: 'self-hosted',
      detectedBy: ['VER-002'],
      fault: {
        response: (res) => {
          res.headers.deprecation = '@1796083200';
          return res;
        },
      },
    },
    {
      name: 'freezes X-RateLimit-Remaining',
      target: 'rate-limited',
      detectedBy: ['RATE-001', 'RATE-003'],
      kinds: { 'RATE-003': 'rate-header-lie' },
      fault: {
        response: (res) => {
          if (res.headers['x-ratelimit-limit']) res.headers['x-ratelimit-remaining'] = res.headers['x-ratelimit-limit'];
          return res;
        },
      },
    },
    {
      name: 'never limits',
      target: 'rate-limited',
      detectedBy: ['RATE-003'],
      fault: onStatus(429, (res) => replaceWith(res, 200, fakeSuccess)),
    },
    {
      name: 'drops Retry-After on 429',
      target: 'rate-limited',
      detectedBy: ['RATE-003', 'SCHEMA-002'],
      fault: onStatus(429, (res) => void delete res.headers['retry-after']),
    },
    { name: 'never recovers after a 429', target: 'rate-limited', detectedBy: ['RATE-004'], fault: neverRecovers() },
  ];
}
