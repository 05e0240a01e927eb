import type { ContractOperation, ContractRole } from '../../contract/index.js';
import { ROLES } from '../../contract/index.js';
import { type Citation, cite, operation, pointer, section } from '../citation.js';
import { type CheckContext, dataOf } from '../context.js';
import type { Check } from '../model.js';
import { sweepEscalation } from '../probes/escalation.js';
import { createApiKey, createMcp, registerCreated, requireCreated } from '../probes/fixtures.js';
import {
  expectRefusal,
  type MatrixKey,
  rank,
  sweepKeyManagement,
  sweepMemberManagement,
} from '../probes/key-management.js';
import { changes, type MatrixIntent, type MatrixTargets, matrixRequest } from '../probes/role-matrix.js';

/** What one probe must answer: a refusal (403 with one of the codes) or anything a key that got through may see. */
type Verdict = { refuse: string } | 'through';

function roleCitation(op: ContractOperation): Citation {
  return cite(
    `${op.operationId} needs x-required-role ${op.requiredRole}; a key below it gets 403 forbidden`,
    operation(op.operationId),
    pointer(`${op.pointer}/x-required-role`),
    section('Roles and scopes'),
  );
}

function scopeCitation(op: ContractOperation): Citation {
  return cite(
    `${op.operationId} is x-mcp-scoped ${op.mcpScoped}: ${op.mcpScoped === 'mcp' ? '403 mcp_not_permitted outside the key’s MCP servers' : '403 forbidden to a key scoped to some MCP servers'}`,
    operation(op.operationId),
    pointer(`${op.pointer}/x-mcp-scoped`),
    section('Roles and scopes'),
  );
}

/** Sends `op` as `caller` with `intent` and holds the answer to `verdict`; creations let through are removed. */
async function probe(
  ctx: CheckContext,
  op: ContractOperation,
  caller: { label: string; key?: string; scoped?: boolean },
  intent: MatrixIntent,
  targets: MatrixTargets,
  verdict: Verdict,
): Promise<void> {
  const request = matrixRequest(op, intent, targets);
  if (!request) return;
  const reply = await ctx.http.send(request.method, request.path, {
    ...(caller.key ? { auth: { key: caller.key } } : {}),
    ...(request.json !== undefined ? { json: request.json } : {}),
  });
  if (op.operationId === 'createMcp') registerCreated(ctx, 'mcp', reply);
  if (op.operationId === 'createApiKey') registerCreated(ctx, 'api-key', reply);
  const who = `${caller.label} key: ${op.operationId} (${request.method} ${request.path})`;
  if (verdict === 'through') {
    ctx.expect(
      reply.status !== 401 && reply.status !== 403 && reply.status !== 500,
      `${who} answered ${reply.status}, but the key's role ${op.requiredRole ?? ''} or more and its scope allow it`,
      { reply, documented: roleCitation(op), kind: 'role-over-enforced' },
    );
  } else {
    const byScope = caller.scoped === true && (intent === 'outside' || op.mcpScoped === 'unscoped-only');
    expectRefusal(
      ctx,
      reply,
      { status: 403, code: verdict.refuse, kind: byScope ? 'scope-not-enforced' : 'role-not-enforced' },
      who,
      byScope ? scopeCitation(op) : roleCitation(op),
    );
  }
  ctx.verified('operation probes', 1);
}

/** Each key of a role against every operation: below the operation's role 403 forbidden, at or above it let through. */
async function roleSweep(ctx: CheckContext, ops: ContractOperation[], keys: MatrixKey[], t: MatrixTargets) {
  for (const caller of keys.filter((k) => !k.scoped)) {
    for (const op of ops) {
      const below = rank(caller.role) < rank(op.requiredRole);
      const targets = { ...t, ownKeyId: caller.id };
      await probe(ctx, op, caller, below ? 'refused' : 'allowed', targets, below ? { refuse: 'forbidden' } : 'through');
    }
  }
}

/** The scoped key against every operation, by its `x-mcp-scoped` rule (its role is the highest the run could issue). */
async function scopeSweep(ctx: CheckContext, ops: ContractOperation[], scoped: MatrixKey, t: MatrixTargets) {
  const targets = { ...t, ownKeyId: scoped.id };
  for (const op of ops.filter((o) => rank(scoped.role) >= rank(o.requiredRole))) {
    if (op.mcpScoped === 'mcp') {
      await probe(ctx, op, scoped, 'allowed', targets, 'through');
      await probe(ctx, op, scoped, 'outside', targets, { refuse: 'mcp_not_permitted' });
    } else if (op.mcpScoped === 'unscoped-only') {
      await probe(ctx, op, scoped, 'refused', targets, { refuse: 'forbidden' });
    } else {
      await probe(ctx, op, scoped, 'allowed', targets, 'through');
    }
  }
}

/** The roles the main key can issue, highest first: a key never issues a role above its own (403). */
async function keysOfEveryRole(ctx: CheckContext): Promise<MatrixKey[]> {
  const keys: MatrixKey[] = [];
  for (const role of [...ROLES].reverse() as ContractRole[]) {
    const made = await createApiKey(ctx, `matrix-${role}`, { role });
    if (made.key)
      keys.push({
        label: `${role === 'viewer' || role === 'member' ? 'a' : 'an'} ${role}`,
        key: made.key.key,
        id: made.key.id,
        role,
        scoped: false,
      });
    else if (made.reply.status === 403) ctx.note(`the main key cannot issue a ${role} key (403): that row is left out`);
    else requireCreated(ctx, `a ${role} key`, made.reply, made.key);
  }
  if (keys.length === 0) ctx.skip('the main key could issue no key of any role');
  return keys;
}

/** Read-only: the main key alone, on reads and on writes aimed at ids nothing has (they change nothing). */
async function readOnlyRow(ctx: CheckContext, ops: ContractOperation[], none: string): Promise<void> {
  const prefix = ctx.config.apiKey.slice(0, 12);
  const list = await ctx.http.send('GET', '/v1/api-keys', { query: { per_page: 100 } });
  const main = (dataOf<{ prefix?: string; role?: ContractRole }[]>(list) ?? []).find((k) => k.prefix === prefix);
  if (!main?.role) ctx.skip('read-only run: the main key is not in its own listApiKeys, so its role is unknown');
  const targets: MatrixTargets = {
    mcpIn: none,
    mcpOut: none,
    mcpVictim: none,
    keyVictim: none,
    ownKeyId: none,
    none,
    runPrefix: ctx.runPrefix,
  };
  ctx.note(`read-only run: only the main key (${main.role}) on reads and unknown ids; --allow-writes adds every role`);
  for (const op of ops.filter((o) => !changes(o) || o.path.includes('{'))) {
    const below = rank(main.role) < rank(op.requiredRole);
    const caller = { label: `the main (${main.role})` };
    await probe(ctx, op, caller, below ? 'refused' : 'allowed', targets, below ? { refuse: 'forbidden' } : 'through');
  }
}

/**
 * The authorization matrix: keys of every role the main key can issue and one scoped to a single MCP server, each
 * against every operation of the contract, held to its `x-required-role` and `x-mcp-scoped`; then every key against
 * the keys it may not manage (openapi.yaml "Key management").
 */
async function roleMatrix(ctx: CheckContext): Promise<void> {
  const ops = ctx.oracle.contract.operations.filter((o) => !o.public);
  const none = `${ctx.runPrefix}none`;
  if (!ctx.config.allowWrites) return readOnlyRow(ctx, ops, none);
  const mcps = [];
  for (const name of ['matrix-in', 'matrix-out', 'matrix-victim']) {
    const made = await createMcp(ctx, name);
    mcps.push(requireCreated(ctx, `MCP server ${name}`, made.reply, made.mcp).id);
  }
  const [mcpIn = none, mcpOut = none, mcpVictim = none] = mcps;
  const victim = await createApiKey(ctx, 'matrix-victim', { role: 'viewer' });
  const keyVictim = requireCreated(ctx, 'a viewer key to aim revocations at', victim.reply, victim.key).id;
  const keys = await keysOfEveryRole(ctx);
  const top = keys[0] as MatrixKey;
  const made = await createApiKey(ctx, 'matrix-scoped', { role: top.role, permissions: { mcps: [mcpIn] } });
  const scopedKey = requireCreated(ctx, 'a key scoped to one MCP server', made.reply, made.key);
  const scoped: MatrixKey = {
    label: `a scoped ${top.role}`,
    key: scopedKey.key,
    id: scopedKey.id,
    role: top.role,
    scoped: true,
  };

  const org = dataOf<{ name?: string }>(await ctx.http.send('GET', '/v1/organization'));
  const members = (
    dataOf<{ id?: unknown; role?: unknown }[]>(
      await ctx.http.send('GET', '/v1/organization/members', { query: { per_page: 100 } }),
    ) ?? []
  ).filter(
    (m): m is { id: string; role: ContractRole } => typeof m.id === 'string' && ROLES.includes(m.role as ContractRole),
  );
  const member = members[0];
  const targets: MatrixTargets = {
    mcpIn,
    mcpOut,
    mcpVictim,
    keyVictim,
    ownKeyId: none,
    none,
    runPrefix: ctx.runPrefix,
    ...(org?.name ? { organizationName: org.name } : {}),
    ...(member ? { member } : {}),
  };
  await roleSweep(ctx, ops, keys, targets);
  await scopeSweep(ctx, ops, scoped, targets);
  await sweepKeyManagement(ctx, [...keys, scoped]);
  await sweepEscalation(ctx, [...keys, scoped], mcpOut);
  await sweepMemberManagement(ctx, keys, members);
}

export const authRoleMatrix: Check = {
  id: 'AUTH-013',
  title: 'Every role and scope gets what each operation declares',
  requirement: cite(
    "each operation's x-required-role (a key below it gets 403 forbidden) and x-mcp-scoped rule, for keys of every role and one scoped to some MCP servers; a key never reads, renames, revokes or lists a key above its role or outside its scope (404), nor issues one with a higher role or a wider scope (403)",
    section('Roles and scopes'),
    section('Key management'),
  ),
  run: roleMatrix,
};
