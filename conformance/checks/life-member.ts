import { cite, operation, section } from '../citation.js';
import { type CheckContext, dataOf } from '../context.js';
import type { Check } from '../model.js';
import { acceptInvitation, createInvitation, inviteeEmail, requireCreated } from '../probes/fixtures.js';
import { firstPageHolds } from '../probes/lists.js';

const REMOVED = cite(
  'a removed member is 404 on every operation that names it, and every key it made is refused from then on',
  operation('removeMember'),
  section('Key management'),
);

/** Whether listMembers holds `id`; undefined when the list is longer than one page of 100. */
/** Whether the members hold `id` (undefined when there are over 100). */
const membersHold = (ctx: CheckContext, id: string) =>
  firstPageHolds(ctx, '/v1/organization/members', id, cite('listMembers: 200', operation('listMembers')));

/**
 * The member sequence: invite → accept with the token (201: the member with the invited email and role, and its first
 * key) → the token is used up (accepting again is 404) → listMembers holds the member → its key works → updateMember →
 * removeMember → the member is 404 on update and removal, absent from the list, and its key is refused (401).
 */
async function memberSequence(ctx: CheckContext): Promise<void> {
  const { reply, invite } = await createInvitation(ctx, 'member', 'member');
  const made = requireCreated(ctx, 'an invitation', reply, invite);
  if (!made.token) ctx.skip('the invitation carries no token (the deployment predates acceptInvitation)');
  const { reply: acceptReply, accepted } = await acceptInvitation(ctx, made.token);
  const documented = cite(
    '201: the invited email joins with the invited role and gets its first API key, shown once',
    operation('acceptInvitation'),
    section('Invitations'),
  );
  if (!ctx.expectSuccess(acceptReply, 201, documented) || !accepted) return;
  ctx.expectContract(acceptReply);
  const { member, api_key: apiKey } = accepted;
  ctx.expect(
    member.email === inviteeEmail(ctx, 'member') && member.role === 'member' && apiKey.role === 'member',
    `accepted as ${JSON.stringify({ email: member.email, role: member.role, key_role: apiKey.role })}`,
    { reply: acceptReply, documented },
  );
  const replay = await ctx.http.send('POST', '/v1/invitations/accept', { auth: 'none', json: { token: made.token } });
  ctx.expectError(
    replay,
    404,
    'not_found',
    cite('a used token is refused: 404', section('Invitations')),
    'accept-replayed',
  );
  if (replay.status === 201) {
    const again = dataOf<{ member?: { id?: unknown } }>(replay)?.member?.id;
    if (typeof again === 'string' && again !== member.id) {
      // Remove the second member the faulty deployment made.
      await ctx.http.send('DELETE', `/v1/organization/members/${encodeURIComponent(again)}`);
    }
  }

  const listed = await membersHold(ctx, member.id);
  ctx.expect(listed.found !== false, 'the new member is not listed', {
    reply: listed.reply,
    documented: cite('members are listed', operation('listMembers')),
    kind: 'list-lacks-created',
  });
  const acts = await ctx.http.send('GET', '/v1/organization', { auth: { key: apiKey.key } });
  ctx.expectSuccess(acts, 200, cite("the new member's key works at once", operation('acceptInvitation')));
  ctx.verified('member operations', 3);

  const path = `/v1/organization/members/${encodeURIComponent(member.id)}`;
  const updated = await ctx.http.send('PATCH', path, { json: { role: 'viewer' } });
  if (ctx.expectSuccess(updated, 200, cite('updateMember: 200 Member', operation('updateMember')))) {
    ctx.expectContract(updated);
    ctx.expect(dataOf<{ role?: unknown }>(updated)?.role === 'viewer', 'updateMember did not change the role', {
      reply: updated,
      documented: cite('the member with the new role', operation('updateMember')),
    });
  }
  const removed = await ctx.http.send('DELETE', path);
  if (!ctx.expectSuccess(removed, 200, cite('removeMember: 200', operation('removeMember')))) return;
  ctx.expectContract(removed);
  ctx.cleanup.forget(`member ${member.id}`);
  for (const [method, json] of [
    ['PATCH', { role: 'viewer' }],
    ['DELETE', undefined],
  ] as const) {
    const reply = await ctx.http.send(method, path, json ? { json } : {});
    ctx.expectError(reply, 404, 'not_found', REMOVED, 'removed-still-served');
  }
  const after = await membersHold(ctx, member.id);
  ctx.expect(after.found !== true, 'the removed member is still listed', {
    reply: after.reply,
    documented: REMOVED,
    kind: 'removed-still-served',
  });
  const refused = await ctx.http.send('GET', '/v1/organization', { auth: { key: apiKey.key } });
  ctx.expectError(refused, 401, ['revoked_key', 'unauthorized'], REMOVED, 'removed-key-accepted');
  ctx.verified('member operations', 4);
}

export const lifeMember: Check = {
  id: 'LIFE-004',
  title: 'Member lifecycle: invite, accept, list, update, remove, then 404 and its key refused',
  requirement: cite(
    'acceptInvitation creates the member and its first key and uses the token up; listMembers, updateMember, removeMember; a removed member is 404 and its keys are refused',
    operation('acceptInvitation'),
    operation('listMembers'),
    operation('updateMember'),
    operation('removeMember'),
    section('Invitations'),
  ),
  needs: { writes: true },
  run: memberSequence,
};
