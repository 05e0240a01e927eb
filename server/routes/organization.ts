/** Organization: the organisation the key belongs to, its plan's limits and live usage; admins may rename it. */
import { Router } from 'express';
import type { components } from '../../generated/schema.js';
import type { RouteDeps } from '../app.js';
import { principalOf } from '../auth/principal.js';
import { requireRole } from '../auth/roles.js';
import { ok } from '../http/envelope.js';
import { ApiError } from '../http/errors.js';
import { assertWithinBounds, contractBounds } from '../policy/json-bounds.js';
import type { OrganizationRow } from '../store/types.js';
import { organizationView } from './views/organization-view.js';

type OrganizationUpdate = components['schemas']['OrganizationUpdate'];

const SETTINGS_BOUNDS = contractBounds('#/components/schemas/OrganizationSettings');

export function organizationRoutes(deps: RouteDeps): Router {
  const { store } = deps;
  const router = Router();
  const missing = (): never => {
    // The key authenticated, so its organisation existed a moment ago; it has just been deleted.
    throw new ApiError('not_found', 'Organization not found');
  };

  router.get('/v1/organization', async (_req, res) => {
    const principal = principalOf(res);
    const row = (await store.getOrganization(principal.orgId)) ?? missing();
    res.json(ok(await organizationView(store, row, deps.clock(), deps)));
  });

  router.patch('/v1/organization', async (req, res) => {
    const principal = principalOf(res);
    requireRole(principal.role, 'admin');
    const body = req.body as OrganizationUpdate;
    const current = (await store.getOrganization(principal.orgId)) ?? missing();
    const patch: Partial<Pick<OrganizationRow, 'name' | 'description' | 'settings'>> = {};
    if (body.name !== undefined) patch.name = body.name;
    if (body.description !== undefined) patch.description = body.description;
    // Settings merge: a PATCH names the settings it changes (RFC 7396 spirit) and keeps the others.
    if (body.settings !== undefined) {
      patch.settings = { ...current.settings, ...body.settings };
      assertWithinBounds('settings', patch.settings, SETTINGS_BOUNDS);
    }
    const row = (await store.updateOrganization(principal.orgId, patch)) ?? missing();
    res.json(ok(await organizationView(store, row, deps.clock(), deps)));
  });

  return router;
}
