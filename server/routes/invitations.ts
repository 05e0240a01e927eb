/**
 * Invitations (openapi.yaml "Invitations"): invite, list and read the pending ones, withdraw, and accept with the
 * token. The token is shown once, in `inviteMember`'s answer (its idempotent replay sealed under the caller's key);
 * only its keyed hash is stored. Accepting is the use case in server/members/accept-invitation.ts.
 */
import { principalOf } from '../auth/principal.js';
import type { RouteDeps } from '../deps.js';
import { ok } from '../http/envelope.js';
import { ApiError } from '../http/errors.js';
import type { OperationBindings } from '../http/operations.js';
import { baseUrlOf, readPageRequest, sendPage } from '../http/paginate.js';
import { idempotency, sealUnderCallerKey } from '../idempotency/index.js';
import { acceptInvitation } from '../members/accept-invitation.js';
import { generateInvitationToken, invitationUrl } from '../members/invitation-token.js';
import { requireMayGrant } from '../members/member-access.js';
import { newId } from '../store/ids.js';
import { apiKeyView } from './views/api-key-view.js';
import { invitationViews } from './views/invitation-view.js';
import { memberView } from './views/member-view.js';

const INVITE_LIFETIME_MS = 7 * 86_400_000;

export function invitationHandlers(deps: RouteDeps): OperationBindings {
  const { store } = deps;
  const notFound = (id: string) => new ApiError('not_found', `Invitation ${id} not found`);

  return {
    inviteMember: {
      before: [idempotency({ store, operation: 'inviteMember', clock: deps.clock, seal: sealUnderCallerKey })],
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
        const token = generateInvitationToken();
        const invite = await store.createInvite({
          id: newId('inv'),
          orgId: principal.orgId,
          email,
          name: body.name ?? null,
          role,
          invitedBy: principal.userId,
          createdAt: now.toISOString(),
          expiresAt: new Date(now.getTime() + INVITE_LIFETIME_MS).toISOString(),
          tokenHash: deps.hashApiKey(token),
        });
        res.status(201).json(
          ok({
            invite_id: invite.id,
            email: invite.email,
            role: invite.role,
            created_at: invite.createdAt,
            expires_at: invite.expiresAt,
            invite_url: invitationUrl(baseUrlOf(deps.publicUrl), token),
            token,
          }),
        );
      },
    },

    listInvitations: async ({ req, res }) => {
      const principal = principalOf(res);
      const pageRequest = readPageRequest(req);
      const page = await store.listPendingInvites(principal.orgId, deps.clock().toISOString(), pageRequest);
      const items = await invitationViews(store, principal.orgId, page.items);
      sendPage(req, res, deps.publicUrl, pageRequest, { items, total: page.total });
    },

    getInvitation: async ({ params, res }) => {
      const principal = principalOf(res);
      const invite = await store.getPendingInvite(principal.orgId, params.invite_id, deps.clock().toISOString());
      if (!invite) throw notFound(params.invite_id);
      const [view] = await invitationViews(store, principal.orgId, [invite]);
      res.json(ok(view!));
    },

    withdrawInvitation: async ({ params, res }) => {
      const principal = principalOf(res);
      const withdrawn = await store.withdrawInvite(principal.orgId, params.invite_id, deps.clock().toISOString());
      if (!withdrawn) throw notFound(params.invite_id);
      res.json(ok({ withdrawn: true as const, invite_id: params.invite_id }));
    },

    acceptInvitation: async ({ body, res }) => {
      const accepted = await acceptInvitation(deps, {
        token: body.token,
        ...(body.name === undefined ? {} : { name: body.name }),
      });
      const view = await apiKeyView(store, accepted.keyRow, deps.clock());
      res.status(201).json(ok({ member: memberView(accepted.member), api_key: { ...view, key: accepted.key } }));
    },
  };
}
