import { isObject } from '../../contract/index.js';
import type { components } from '../../generated/schema.js';
import { cite, operation } from '../citation.js';
import { type CheckContext, dataOf } from '../context.js';
import type { Check } from '../model.js';
import { listOperations } from '../probes/operations.js';

type Organization = components['schemas']['Organization'];

/** The contract's own PATCH /v1/organization example is accepted and answered as documented; the old name and description are put back. */
async function organizationExample(ctx: CheckContext): Promise<void> {
  const op = listOperations(ctx.oracle.contract).find((o) => o.operationId === 'updateOrganization');
  const example = op?.requestBody?.example;
  if (!op || !isObject(example)) ctx.skip('the contract has no updateOrganization request example');
  const before = await ctx.http.send('GET', '/v1/organization');
  if (!ctx.expectSuccess(before, 200, cite('GET /v1/organization: 200', operation('getOrganization')))) return;
  const original = dataOf<Organization>(before);
  if (!original) return;
  ctx.cleanup.add('organisation name and description', async () => {
    const r = await ctx.http.send('PATCH', '/v1/organization', {
      json: { name: original.name, description: original.description },
    });
    if (r.status !== 200) throw new Error(`PATCH /v1/organization (restore) answered ${r.status}`);
  });
  const body: Record<string, unknown> = {
    ...example,
    ...(typeof example.name === 'string' ? { name: `${ctx.runPrefix}${example.name}` } : {}),
  };
  const reply = await ctx.http.send('PATCH', '/v1/organization', { json: body });
  if (reply.status === 403) ctx.skip('the API key may not update the organisation (admins and owners only)');
  if (
    !ctx.expectSuccess(
      reply,
      200,
      cite("updateOrganization with the contract's own example: 200 Organization", operation('updateOrganization')),
    )
  )
    return;
  ctx.expectContract(reply);
  const data = dataOf<Organization>(reply);
  ctx.expect(
    data !== undefined && data.name === body.name && data.description === body.description,
    `sent ${JSON.stringify(body)}, received name ${JSON.stringify(data?.name)}, description ${JSON.stringify(data?.description)}`,
    { reply, documented: cite('the organisation as written', operation('updateOrganization')) },
  );
  ctx.expect(data?.id === original.id && data.slug === original.slug, 'the update changed the id or slug', {
    reply,
    documented: cite('only the given fields change', operation('updateOrganization')),
  });
}

export const posOrganizationExample: Check = {
  id: 'POS-002',
  title: 'The organisation update example is accepted (and undone)',
  requirement: cite(
    'openapi.yaml updateOrganization request example (name, description) is valid input: 200 with the Organization; only the given fields change.',
    operation('updateOrganization'),
  ),
  needs: { writes: true },
  run: organizationExample,
};
