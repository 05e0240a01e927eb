/**
 * Members: list, invite, change roles, remove. Who may manage whom is one rule (server/members/, openapi.yaml "Key
 * management"): within the caller's own role, through a key over every MCP, never leaving the organisation without an
 * owner.
 */
import { Router } from 'express';
import type { components } from '../../generated/schema.js';
import type { RouteDeps } from '../app.js';
import { principalOf } from '../auth/principal.js';
import { ok } from '../http/envelope.js';
import { ApiError } from '../http/errors.js';
import { baseUrlOf, readPageRequest, sendPage } from '../http/paginate.js';
import { idempotency } from '../idempotency/index.js';
import { changeMemberRole, removeMember } from '../members/manage-members.js';
import { requireMayGrant, requireMemberManager } from '../members/member-access.js';
import { newId } from '../store/ids.js';
import type { Role } from '../store/types.js';
import { memberView } from './views/member-view.js';

type InviteCreate = components['schemas']['InviteCreate'];
type MemberUpdate = components['schemas']['MemberUpdate'];

const INVITE_LIFETIME_MS = 7 * 86_400_000;

export function memberRoutes(deps: RouteDeps): Router {
  const { store } = deps;
  const router = Router();

  router.get('/v1/organization/members', async (req, res) => {
    const principal = principalOf(res);
    const role = (req.query as { role?: Role }).role;
    const pageRequest = readPageRequest(req);
    const page = await store.listMembers(principal.orgId, role ? { role } : {}, pageRequest);
    sendPage(req, res, deps.publicUrl, pageRequest, { items: page.items.map(memberView), total: page.total });
  });

  router.post(
    '/v1/organization/members/invite',
    idempotency({ store, operation: 'inviteMember', clock: deps.clock }),
    async (req, res) => {
      const principal = principalOf(res);
      requireMemberManager(principal);
      const body = req.body as InviteCreate;
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
  );

  router.patch('/v1/organization/members/:user_id', async (req, res) => {
    const { role } = req.body as MemberUpdate;
    res.json(ok(memberView(await changeMemberRole(deps, principalOf(res), req.params.user_id!, role))));
  });

  router.delete('/v1/organization/members/:user_id', async (req, res) => {
    const userId = req.params.user_id!;
    await removeMember(deps, principalOf(res), userId);
    res.json(ok({ removed: true as const, user_id: userId }));
  });

  return router;
}
