import { parse } from 'yaml';
import { compareContracts } from '../../contract/diff/compare.js';
import { lineText, summarize } from '../../contract/diff/summary.js';
import { isObject, type JsonObject } from '../../contract/index.js';
import { cite, operation, section } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Reply } from '../http/session.js';
import type { Check } from '../model.js';

/** The contract a deployment serves, from `/openapi.json` and `/openapi.yaml`, each form it serves. */
async function servedContracts(ctx: CheckContext): Promise<{ form: string; reply: Reply; doc: JsonObject }[]> {
  const served: { form: string; reply: Reply; doc: JsonObject }[] = [];
  for (const form of ['/openapi.json', '/openapi.yaml']) {
    const reply = await ctx.http.send('GET', form, { auth: 'none' });
    if (reply.status !== 200) continue;
    let doc: unknown;
    try {
      doc = form.endsWith('.json') ? JSON.parse(reply.text) : parse(reply.text);
    } catch {
      doc = undefined;
    }
    if (
      ctx.expect(isObject(doc) && isObject(doc.paths), `${form} is not an OpenAPI document`, { reply }) &&
      isObject(doc)
    )
      served.push({ form, reply, doc });
  }
  return served;
}

/**
 * The contract the deployment serves keeps every promise of the contract this suite was built from: the breaking-change
 * guard of `npm run contract:diff`, applied between them. A dropped operation, parameter, response field or enum value,
 * a new required input, a narrowed type, a changed status, error code or security requirement is a finding naming it.
 */
async function servedContractCompatible(ctx: CheckContext): Promise<void> {
  const served = await servedContracts(ctx);
  if (!served.length) ctx.skip('the deployment serves no contract at /openapi.json or /openapi.yaml');
  const judged = new Map<string, string[]>();
  for (const { form, reply, doc } of served) {
    const key = JSON.stringify(doc);
    let refused = judged.get(key);
    if (!refused) {
      refused = summarize(compareContracts(ctx.oracle.doc, doc, { release: false }).refused).map((line) =>
        lineText(line),
      );
      judged.set(key, refused);
    }
    for (const line of refused)
      ctx.fail(`${form} breaks the contract: ${line}`, {
        reply,
        documented: cite('every operation, parameter, field and value of openapi.yaml', section('Versioning')),
      });
  }
  ctx.note(`judged ${served.map((s) => s.form).join(' and ')}`);
}

export const verServedContract: Check = {
  id: 'VER-001',
  title: 'The served contract is backward compatible with this one',
  requirement: cite(
    'Within a version nothing a client relies on is removed, renamed, narrowed or made required; the contract the deployment serves keeps every promise of this one.',
    section('Versioning'),
    operation('getOpenApiJson'),
  ),
  run: servedContractCompatible,
};
