import { isObject, type JsonObject } from '../../contract/index.js';
import { cite, section } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';
import { invalidForProperty } from '../probes/invalid-values.js';
import { fillPath, listOperations } from '../probes/operations.js';

/** A query string is text: read a probe the way a server coerces it before judging it invalid. */
function asQueryValue(schema: JsonObject, raw: string): unknown {
  const numeric = schema.type === 'integer' || schema.type === 'number';
  return numeric && /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
}

/** Query and path parameters that break their documented schema (enum, type, range, length) are 400 invalid_request, never 5xx. */
async function invalidParameters(ctx: CheckContext): Promise<void> {
  let sent = 0;
  for (const op of listOperations(ctx.oracle.contract).filter((o) => o.method === 'GET' && o.authenticated)) {
    for (const param of op.parameters) {
      const schema = isObject(param.schema) ? param.schema : undefined;
      if (!schema || (param.in !== 'query' && param.in !== 'path')) continue;
      for (const m of invalidForProperty(schema)) {
        const raw = typeof m.value === 'string' ? m.value : JSON.stringify(m.value);
        if (raw === '' && param.in === 'path') continue;
        if (ctx.oracle.validateAgainst(schema, asQueryValue(schema, raw)).length === 0) continue;
        sent++;
        const name = String(param.name);
        const path =
          param.in === 'path'
            ? fillPath(op.path, { [name]: raw }, `${ctx.runPrefix}none`)
            : fillPath(op.path, {}, `${ctx.runPrefix}none`);
        const reply = await ctx.http.send('GET', path, param.in === 'query' ? { query: { [name]: raw } } : {});
        const documented = cite(`${op.operationId} ${name}: ${m.description} → 400 invalid_request`, section('Errors'));
        // A bad id in the path is also, truthfully, an id that does not exist.
        if (param.in === 'path') ctx.expectError(reply, [400, 404], ['invalid_request', 'not_found'], documented);
        else ctx.expectError(reply, 400, 'invalid_request', documented);
      }
    }
  }
  ctx.note(`${sent} invalid parameters derived from the contract`);
}

export const negQueryParams: Check = {
  id: 'NEG-003',
  title: 'Invalid query and path parameters are 400 invalid_request',
  requirement: cite(
    'openapi.yaml parameter schemas (status/health/role/period enums, page/per_page ranges, id and date lengths); invalid_request 400 for bad parameters.',
    section('Errors'),
  ),
  run: invalidParameters,
};
