/** Organization: the organisation the key belongs to, its plan's limits and live usage; admins may rename it. */

import { principalOf } from '../auth/principal.js';
import type { RouteDeps } from '../deps.js';
import { ok } from '../http/envelope.js';
import { ApiError } from '../http/errors.js';
import type { OperationBindings } from '../http/operations.js';
import { assertWithinBounds, contractBounds } from '../policy/json-bounds.js';
import type { OrganizationRow } from '../store/types.js';
import { organizationView } from './views/organization-view.js';

const SETTINGS_BOUNDS = contractBounds('#/components/schemas/OrganizationSettings');

export function organizationHandlers(deps: RouteDeps): OperationBindings {
  const { store } = deps;
  const missing = (): never => {
    // The key authenticated, so its organisation existed a moment ago; it has just been deleted.
    throw new ApiError('not_found', 'Organization not found');
  };

  return {
    getOrganization: async ({ res }) => {
      const principal = principalOf(res);
      const row = (await store.getOrganization(principal.orgId)) ?? missing();
      res.json(ok(await organizationView(store, row, deps.clock(), deps)));
    },

    updateOrganization: async ({ body, res }) => {
      const principal = principalOf(res);
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
    },
  };
}
