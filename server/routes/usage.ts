/** Usage: the summary against the plan's monthly limit, and the paginated invocation history. A scoped key sees only
 * the usage of its MCPs. */

import { scopeFilter } from '../auth/mcp-scope.js';
import { principalOf } from '../auth/principal.js';
import type { RouteDeps } from '../deps.js';
import { ok } from '../http/envelope.js';
import { ApiError } from '../http/errors.js';
import type { OperationBindings, OperationHandler } from '../http/operations.js';
import { readPageRequest, sendPage } from '../http/paginate.js';
import { mayManageKey } from '../keys/key-access.js';
import { limitsOf } from '../policy/plan-limits.js';
import { usageRange } from '../policy/usage-range.js';
import type { UsageFilter } from '../store/types.js';
import { usageRecordView, usageSummaryView } from './views/usage-view.js';

export function usageHandlers(deps: RouteDeps): OperationBindings {
  const { store } = deps;

  const summary: OperationHandler<'getUsage' | 'getOrganizationUsage'> = async ({ query, res }) => {
    const principal = principalOf(res);
    const range = usageRange(query, deps.clock());
    const organization = await store.getOrganization(principal.orgId);
    if (!organization) throw new ApiError('not_found', 'Organization not found');
    const mcpIds = scopeFilter(principal.scope);
    const aggregate = await store.summarizeUsage(principal.orgId, {
      from: range.from,
      to: range.to,
      ...(mcpIds ? { mcpIds } : {}),
    });
    res.json(ok(usageSummaryView(aggregate, range, limitsOf(organization.plan, deps).monthly_requests)));
  };
  return {
    getUsage: summary,
    getOrganizationUsage: summary,

    listUsageHistory: async ({ query, req, res }) => {
      const principal = principalOf(res);
      const pageRequest = readPageRequest(req);
      const hasDates = query.start_date !== undefined || query.end_date !== undefined;
      // Without dates the history is unbounded; with either, the range rules of the summary apply.
      const range = hasDates ? usageRange(query, deps.clock()) : undefined;
      const mcpIds = scopeFilter(principal.scope);
      const filter: UsageFilter = {
        ...(query.mcp_id ? { mcpId: query.mcp_id } : {}),
        ...(query.api_key_id ? { apiKeyId: query.api_key_id } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(range ? { from: range.from, to: range.to } : {}),
        ...(mcpIds ? { mcpIds } : {}),
      };
      // Keys the caller does not manage are invisible to it (openapi.yaml "Key management"): filtering by one finds
      // nothing, as an unknown id would, and records made with one show `api_key_id: null`.
      const visible = async (keyId: string): Promise<boolean> => {
        const key = await store.getApiKey(principal.orgId, keyId);
        return key !== undefined && mayManageKey(principal, key);
      };
      if (query.api_key_id && !(await visible(query.api_key_id))) {
        sendPage(req, res, deps.publicUrl, pageRequest, { items: [], total: 0 });
        return;
      }
      const page = await store.listUsage(principal.orgId, filter, pageRequest);
      const keyIds = [...new Set(page.items.flatMap((row) => (row.apiKeyId ? [row.apiKeyId] : [])))];
      const shown = new Set((await Promise.all(keyIds.map(async (id) => ((await visible(id)) ? [id] : [])))).flat());
      const items = page.items.map((row) =>
        usageRecordView(row.apiKeyId && !shown.has(row.apiKeyId) ? { ...row, apiKeyId: null } : row),
      );
      sendPage(req, res, deps.publicUrl, pageRequest, { items, total: page.total });
    },
  };
}
