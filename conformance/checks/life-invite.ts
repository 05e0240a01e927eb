import { cite, operation, pointer } from '../citation.js';
import { type CheckContext, dataOf } from '../context.js';
import type { Check } from '../model.js';

/**
 * An invitation is answered 201 with the documented Invite. The address is at `.invalid` (RFC 6761), so nobody is
 * ever invited for real; the contract has no operation to withdraw an invitation, which lapses after 7 days.
 */
async function invite(ctx: CheckContext): Promise<void> {
  const email = `${ctx.runPrefix}invitee@conformance.invalid`.toLowerCase();
  const reply = await ctx.http.send('POST', '/v1/organization/members/invite', { json: { email, role: 'viewer' } });
  const documented = cite('201 with the invitation', operation('inviteMember'), pointer('#/components/schemas/Invite'));
  if ((reply.status === 403 || reply.status === 409) && reply.json !== undefined) {
    ctx.expectContract(reply);
    ctx.skip(`the server refused the invitation for policy reasons: ${reply.status} ${reply.text.slice(0, 160)}`);
  }
  if (!ctx.expectSuccess(reply, 201, documented)) return;
  ctx.expectContract(reply);
  const data = dataOf<{ email?: unknown; role?: unknown }>(reply);
  ctx.expect(data?.email === email && data.role === 'viewer', `the invitation reads ${JSON.stringify(data)}`, {
    reply,
    documented,
  });
  ctx.note('invitations cannot be withdrawn through the API; this one is to an .invalid address and lapses in 7 days');
}

export const lifeInvite: Check = {
  id: 'LIFE-003',
  title: 'Inviting a member answers 201 with the invitation',
  requirement: cite(
    'inviteMember: admins and owners invite by email with a role below owner; 201 with the Invite',
    operation('inviteMember'),
    pointer('#/components/schemas/Invite'),
  ),
  needs: { writes: true },
  run: invite,
};
