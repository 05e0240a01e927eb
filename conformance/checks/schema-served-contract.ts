import { isObject } from '../../contract/index.js';
import { cite, operation, pointer } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';
import { listOperations } from '../probes/operations.js';

/** The deployment serves the contract at /openapi.json, with every operation this suite checks against. */
async function servedContract(ctx: CheckContext): Promise<void> {
  const reply = await ctx.http.send('GET', '/openapi.json', { auth: 'none' });
  if (!ctx.expectStatus(reply, 200, cite('GET /openapi.json: 200, no authentication', operation('getOpenApiJson'))))
    return;
  const served = reply.json;
  if (
    !ctx.expect(isObject(served) && isObject(served.paths), '/openapi.json is not an OpenAPI document', {
      reply,
      documented: cite('{ openapi, info, paths }', operation('getOpenApiJson')),
    }) ||
    !isObject(served) ||
    !isObject(served.paths)
  )
    return;
  const servedPaths = served.paths;
  const missing = listOperations(ctx.oracle.contract).filter((op) => {
    const item = servedPaths[op.path];
    return !isObject(item) || !isObject(item[op.method.toLowerCase()]);
  });
  ctx.expect(
    missing.length === 0,
    `the served contract lacks ${missing.map((m) => `${m.method} ${m.path}`).join(', ')}`,
    { reply, documented: cite('every operation of openapi.yaml', operation('getOpenApiJson')) },
  );
  const localVersion = isObject(ctx.oracle.doc.info) ? ctx.oracle.doc.info.version : undefined;
  const servedVersion = isObject(served.info) ? served.info.version : undefined;
  if (servedVersion !== localVersion)
    ctx.warn(
      `the deployment serves contract version ${String(servedVersion)}; this suite checks ${String(localVersion)}`,
      { reply, documented: cite('info.version of openapi.yaml', pointer('#/info/version')) },
    );
  ctx.note(`served contract version ${String(servedVersion)}`);
}

export const schemaServedContract: Check = {
  id: 'SCHEMA-003',
  title: 'The deployment serves the contract it is checked against',
  requirement: cite(
    'GET /openapi.json without authentication; openapi.yaml is the single source of truth, so the served document has every operation of this one.',
    operation('getOpenApiJson'),
  ),
  run: servedContract,
};
