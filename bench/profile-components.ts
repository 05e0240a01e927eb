/**
 * A V8 CPU profile of the server as percentages per component of the request path (HTTP, Express, the validator, the
 * store, authentication, logging, garbage collection ...): each sample goes to the component of its innermost frame that
 * belongs to one, so a store query made by authentication counts as store, and its HMAC as authentication. Idle time
 * and module loading at start-up are reported apart and left out of the percentages.
 */

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const RESPONSE_VALIDATION = 'response validation';
const RESPONSE_VALIDATOR = /openapi\.response\.validator|modded\.express\.mung/;
const REQUEST_VALIDATION = 'request validation (express-openapi-validator, ajv)';

/** Components in the order they are tried on each frame, innermost frame first. */
const COMPONENTS: [name: string, frame: RegExp][] = [
  ['start-up (module loading)', /esm\/|modules\/cjs|yaml\/dist|compileSource|internalModuleStat|contract\/load/],
  ['access log (pino)', /pino|sonic-boom|access-log\.ts|server\/logger\.ts/],
  ['authentication (key hash, checks)', /auth\/authenticate\.ts|auth\/api-key\.ts|Hmac|presented-key\.ts/],
  [RESPONSE_VALIDATION, RESPONSE_VALIDATOR],
  [REQUEST_VALIDATION, /express-openapi-validator|\/ajv/],
  ['store (sql.js queries, rows)', /wasm|sql-wasm|server\/store\//],
  ['JSON serialisation', /express\/lib\/response\.js:(236|1026)|stringify/],
  ['HTTP parsing and sockets (Node)', /_http|node:net|writev|node:stream|internal\/streams|parserOn|onStreamRead/],
  ['Express routing and response', /express\/|router\/|path-to-regexp|finalhandler|on-finished/],
  ['our stages, handlers, views', /\/(server|contract)\/[\w/-]+\.ts/],
];
const SPECIAL = new Map([
  ['(idle)', 'idle'],
  ['(garbage collector)', 'garbage collection'],
  ['(program)', 'V8 (program)'],
]);
const APART = new Set(['idle', 'start-up (module loading)']);

/** Milliseconds per component, largest first, with the busy time the percentages are of. */
export function components(profile: Profile): { busyMs: number; rows: { name: string; ms: number; pct?: number }[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const ms = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    let name = SPECIAL.get(byId.get(id)?.callFrame.functionName ?? '');
    let responseValidation = false;
    for (let cur = byId.get(id); cur; cur = byId.get(parent.get(cur.id) ?? -1)) {
      const frame = `${cur.callFrame.functionName} ${cur.callFrame.url}:${cur.callFrame.lineNumber + 1}`;
      name ??= COMPONENTS.find(([, test]) => test.test(frame))?.[0];
      responseValidation ||= RESPONSE_VALIDATOR.test(frame);
    }
    // ajv compiled for the response validator is the response validator's.
    if (name === REQUEST_VALIDATION && responseValidation) name = RESPONSE_VALIDATION;
    name ??= 'other (microtasks, timers, native)';
    ms.set(name, (ms.get(name) ?? 0) + dt);
  });
  const busyMs = [...ms].filter(([name]) => !APART.has(name)).reduce((sum, [, v]) => sum + v, 0);
  const rows = [...ms]
    .sort((a, b) => b[1] - a[1])
    .map(([name, v]) => (APART.has(name) ? { name, ms: v } : { name, ms: v, pct: (100 * v) / busyMs }));
  return { busyMs, rows };
}
