/**
 * Members: list, invite, change roles, remove. Admins manage everyone but owners and cannot grant owner; the last
 * owner can be neither demoted nor removed, so an organisation is never left without one.
 */
import { Router } from 'express';
import type { components } from '../../generated/schema.js';
import type { RouteDeps } from '../app.js';
import { type Principal, principalOf } from '../auth/principal.js';
import { requireRole } from '../auth/roles.js';
import { ok } from '../http/envelope.js';
import { ApiError } from '../http/errors.js';
import { baseUrlOf, readPageRequest, sendPage } from '../http/paginate.js';
import { idempotency } from '../idempotency/index.js';
import { newId } from '../store/ids.js';
import type { MemberRow, Role, Store } from '../store/types.js';
import { memberView } from './views/member-view.js';

type InviteCreate = components['schemas']['InviteCreate'];
type MemberUpdate = components['schemas']['MemberUpdate'];

const INVITE_LIFETIME_MS = 7 * 86_400_000;

async function findMember(store: Store, principal: Principal, userId: string): Promise<MemberRow> {
  const member = await store.getMember(principal.orgId, userId);
  if (!member) throw new ApiError('not_found', `Member ${userId} not found`);
  return member;
}

/** Admins may not act on owners; only an owner touches an owner. */
function requireMayManage(principal: Principal, target: MemberRow): void {
  if (target.role === 'owner' && principal.role !== 'owner') {
    throw new ApiError('forbidden', 'Only an owner can change or remove an owner');
  }
}

async function requireNotLastOwner(store: Store, orgId: string, target: MemberRow, action: string): Promise<void> {
  if (target.role === 'owner' && (await store.countMembers(orgId, { role: 'owner' })) <= 1) {
    throw new ApiError('forbidden', `The organisation's last owner cannot be ${action}`);
  }
}

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
      requireRole(principal.role, 'admin');
      const body = req.body as InviteCreate;
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
        role: body.role ?? 'member',
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
    const principal = principalOf(res);
    requireRole(principal.role, 'admin');
    const { role } = req.body as MemberUpdate;
    const target = await findMember(store, principal, req.params.user_id!);
    requireMayManage(principal, target);
    if (role === 'owner' && principal.role !== 'owner')
      throw new ApiError('forbidden', 'Only an owner can grant the owner role');
    if (role !== 'owner') await requireNotLastOwner(store, principal.orgId, target, 'demoted');
    const updated = await store.updateMemberRole(principal.orgId, target.id, role);
    if (!updated) throw new ApiError('not_found', `Member ${target.id} not found`);
    res.json(ok(memberView(updated)));
  });

  router.delete('/v1/organization/members/:user_id', async (req, res) => {
    const principal = principalOf(res);
    requireRole(principal.role, 'admin');
    const target = await findMember(store, principal, req.params.user_id!);
    requireMayManage(principal, target);
    await requireNotLastOwner(store, principal.orgId, target, 'removed');
    if (!(await store.removeMember(principal.orgId, target.id, deps.clock().toISOString()))) {
      throw new ApiError('not_found', `Member ${target.id} not found`);
    }
    res.json(ok({ removed: true as const, user_id: target.id }));
  });

  return router;
}
