import { cite, operation, pointer, section } from '../citation.js';
import { type CheckContext, dataOf } from '../context.js';
import type { Check } from '../model.js';
import { createInvitation, inviteeEmail, requireCreated } from '../probes/fixtures.js';
import { firstPageHolds } from '../probes/lists.js';

const GONE = cite(
  'a withdrawn invitation is 404 not_found on every operation, and its token is refused',
  operation('withdrawInvitation'),
  section('Invitations'),
);

/** Whether the pending invitations hold `id` (undefined when over 100 are pending). */
const listed = (ctx: CheckContext, id: string) =>
  firstPageHolds(ctx, '/v1/organization/invitations', id, cite('listInvitations: 200', operation('listInvitations')));

/**
 * The invitation sequence: invite (201, the token shown once) → get (200, no token) → listed → withdraw (200) → get,
 * withdraw again and accept with its token all 404 → no longer listed. Addresses are at `.invalid` (RFC 6761), so
 * nobody is ever invited for real, and anything left is withdrawn at the end of the run.
 */
async function invitationSequence(ctx: CheckContext): Promise<void> {
  const { reply, invite } = await createInvitation(ctx, 'invitee');
  const documented = cite('201 with the invitation', operation('inviteMember'), pointer('#/components/schemas/Invite'));
  const made = requireCreated(ctx, 'an invitation', reply, invite);
  ctx.expectSuccess(reply, 201, documented);
  ctx.expectContract(reply);
  ctx.expect(
    made.email === inviteeEmail(ctx, 'invitee') && made.role === 'viewer',
    `the invitation reads ${JSON.stringify({ email: made.email, role: made.role })}`,
    { reply, documented },
  );
  const token = made.token;
  ctx.expect(typeof token === 'string' && token.length > 0, 'the invitation answers without its token', {
    reply,
    documented: cite('the token is shown once, in the answer', section('Invitations')),
  });
  const path = `/v1/organization/invitations/${encodeURIComponent(made.invite_id)}`;

  const got = await ctx.http.send('GET', path);
  if (ctx.expectSuccess(got, 200, cite('getInvitation: 200 Invitation', operation('getInvitation')))) {
    ctx.expectContract(got);
    ctx.expect(dataOf<{ invite_id?: unknown }>(got)?.invite_id === made.invite_id, 'GET answers another invitation', {
      reply: got,
      documented: cite('the invitation asked for', operation('getInvitation')),
    });
    ctx.expect(!token || !got.text.includes(token), 'GET returns the token again', {
      reply: got,
      documented: cite('never returned again', section('Invitations')),
      kind: 'secret-returned',
    });
  }
  const before = await listed(ctx, made.invite_id);
  ctx.expect(before.found !== false, 'the new invitation is not listed', {
    reply: before.reply,
    documented: cite('pending invitations are listed', operation('listInvitations')),
    kind: 'list-lacks-created',
  });
  ctx.expect(!token || !before.reply.text.includes(token), 'the list contains the token', {
    reply: before.reply,
    documented: cite('never listed', section('Invitations')),
    kind: 'secret-returned',
  });
  ctx.verified('invitation operations', 3);

  const withdrawn = await ctx.http.send('DELETE', path);
  if (!ctx.expectSuccess(withdrawn, 200, cite('withdrawInvitation: 200', operation('withdrawInvitation')))) return;
  ctx.expectContract(withdrawn);
  for (const method of ['GET', 'DELETE'] as const) {
    const again = await ctx.http.send(method, path);
    ctx.expectError(again, 404, 'not_found', GONE, 'withdrawn-still-served');
  }
  if (token) {
    const late = await ctx.http.send('POST', '/v1/invitations/accept', { auth: 'none', json: { token } });
    ctx.expectError(late, 404, 'not_found', GONE, 'withdrawn-still-served');
  }
  const after = await listed(ctx, made.invite_id);
  ctx.expect(after.found !== true, 'the withdrawn invitation is still listed', {
    reply: after.reply,
    documented: GONE,
    kind: 'withdrawn-still-served',
  });
  ctx.verified('invitation operations', 4);
}

export const lifeInvite: Check = {
  id: 'LIFE-003',
  title: 'Invitation lifecycle: invite, get, list, withdraw, then 404 everywhere',
  requirement: cite(
    'inviteMember (201, token shown once), getInvitation, listInvitations, withdrawInvitation; a withdrawn invitation is 404 on every operation and its token refused',
    operation('inviteMember'),
    operation('getInvitation'),
    operation('listInvitations'),
    operation('withdrawInvitation'),
    section('Invitations'),
  ),
  needs: { writes: true },
  run: invitationSequence,
};
