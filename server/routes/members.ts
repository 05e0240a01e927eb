/**
 * Members: list, invite, change roles, remove. Who may manage whom is one rule (server/members/, openapi.yaml "Key
 * management"): within the caller's own role, through a key over every MCP, never leaving the organisation without an
 * owner.
 */

import { principalOf } from '../auth/principal.js';
import type { RouteDeps } from '../deps.js';
import { ok } from '../http/envelope.js';
import { ApiError } from '../http/errors.js';
import type { OperationBindings } from '../http/operations.js';
import { baseUrlOf, readPageRequest, sendPage } from '../http/paginate.js';
import { idempotency } from '../idempotency/index.js';
import { changeMemberRole, removeMember } from '../members/manage-members.js';
import { requireMayGrant } from '../members/member-access.js';
import { newId } from '../store/ids.js';
import { memberView } from './views/member-view.js';

const INVITE_LIFETIME_MS = 7 * 86_400_000;

export function memberHandlers(deps: RouteDeps): OperationBindings {
  const { store } = deps;

  return {
    listMembers: async ({ query, req, res }) => {
      const principal = principalOf(res);
      const { role } = query;
      const pageRequest = readPageRequest(req);
      const page = await store.listMembers(principal.orgId, role ? { role } : {}, pageRequest);
      sendPage(req, res, deps.publicUrl, pageRequest, { items: page.items.map(memberView), total: page.total });
    },

    inviteMember: {
      before: [idempotency({ store, operation: 'inviteMember', clock: deps.clock })],
      handle: async ({ body, res }) => {
        const principal = principalOf(res);
        const role = body.role ?? 'member';
        requireMayGrant(principal, role);
        const email = body.email.trim().toLowerCase();
        const now = deps.clock();
        if (await store.findMemberByEmail(principal.orgId, email)) {
          throw new ApiError('already_exists', `${email} is already a member`, { email: 'is already a member' });
        }
        if (await store.findPendingInvite(principal.orgId, email, now.toISOString())) {
          throw new ApiError('already_exists', `${email} already has a pending invitation`, {
            email: 'already has a pending invitation',
          });
        }
        const invite = await store.createInvite({
          id: newId('inv'),
          orgId: principal.orgId,
          email,
          name: body.name ?? null,
          role,
          invitedBy: principal.userId,
          createdAt: now.toISOString(),
          expiresAt: new Date(now.getTime() + INVITE_LIFETIME_MS).toISOString(),
        });
        res.status(201).json(
          ok({
            invite_id: invite.id,
            email: invite.email,
            role: invite.role,
            created_at: invite.createdAt,
            expires_at: invite.expiresAt,
            invite_url: `${baseUrlOf(deps.publicUrl)}/invite/${invite.id}`,
          }),
        );
      },
    },

    updateMember: async ({ body, params, res }) => {
      res.json(ok(memberView(await changeMemberRole(deps, principalOf(res), params.user_id, body.role))));
    },

    removeMember: async ({ params, res }) => {
      await removeMember(deps, principalOf(res), params.user_id);
      res.json(ok({ removed: true as const, user_id: params.user_id }));
    },
  };
}
