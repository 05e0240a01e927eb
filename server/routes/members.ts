/**
 * Members: list, change roles, remove (invitations: ./invitations.ts). Who may manage whom is one rule (server/members/, openapi.yaml "Key
 * management"): within the caller's own role, through a key over every MCP, never leaving the organisation without an
 * owner.
 */

import { principalOf } from '../auth/principal.js';
import type { RouteDeps } from '../deps.js';
import { ok } from '../http/envelope.js';
import type { OperationBindings } from '../http/operations.js';
import { readPageRequest, sendPage } from '../http/paginate.js';
import { changeMemberRole, removeMember } from '../members/manage-members.js';
import { memberView } from './views/member-view.js';

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

    updateMember: async ({ body, params, res }) => {
      res.json(ok(memberView(await changeMemberRole(deps, principalOf(res), params.user_id, body.role))));
    },

    removeMember: async ({ params, res }) => {
      await removeMember(deps, principalOf(res), params.user_id);
      res.json(ok({ removed: true as const, user_id: params.user_id }));
    },
  };
}
