/** Column rows (snake_case, JSON in text columns) to the store's row types (camelCase, parsed). */
import type { SqlRow } from './sql-db.js';
import type {
  ApiKeyRow,
  IdempotencyRow,
  InviteRow,
  McpRow,
  McpScope,
  McpSummaryRow,
  MemberRow,
  OrganizationRow,
  UsageRow,
} from './types.js';

const text = (value: unknown): string => String(value);
const nullableText = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

export function toOrganization(row: SqlRow): OrganizationRow {
  return {
    id: text(row.id),
    name: text(row.name),
    slug: text(row.slug),
    description: nullableText(row.description),
    plan: text(row.plan) as OrganizationRow['plan'],
    settings: JSON.parse(text(row.settings)) as Record<string, unknown>,
    createdAt: text(row.created_at),
    updatedAt: text(row.updated_at),
  };
}

export function toMember(row: SqlRow): MemberRow {
  return {
    id: text(row.id),
    orgId: text(row.org_id),
    email: text(row.email),
    name: nullableText(row.name),
    role: text(row.role) as MemberRow['role'],
    joinedAt: text(row.joined_at),
    lastActive: nullableText(row.last_active),
    updatedAt: text(row.updated_at),
  };
}

export function toInvite(row: SqlRow): InviteRow {
  return {
    id: text(row.id),
    orgId: text(row.org_id),
    email: text(row.email),
    name: nullableText(row.name),
    role: text(row.role) as InviteRow['role'],
    invitedBy: text(row.invited_by),
    createdAt: text(row.created_at),
    expiresAt: text(row.expires_at),
    tokenHash: nullableText(row.token_hash),
    acceptedAt: nullableText(row.accepted_at),
  };
}

export function toApiKey(row: SqlRow): ApiKeyRow {
  return {
    id: text(row.id),
    orgId: text(row.org_id),
    userId: text(row.user_id),
    name: text(row.name),
    description: nullableText(row.description),
    prefix: text(row.prefix),
    keyHash: text(row.key_hash),
    role: text(row.role) as ApiKeyRow['role'],
    mcpScope: JSON.parse(text(row.mcp_scope)) as McpScope,
    createdAt: text(row.created_at),
    updatedAt: text(row.updated_at),
    lastUsed: nullableText(row.last_used),
    expiresAt: nullableText(row.expires_at),
    revokedAt: nullableText(row.revoked_at),
  };
}

/** The columns of `toMcpSummary`: everything but the tool catalogue and the credentials. */
export const MCP_SUMMARY_COLUMNS =
  'id, org_id, name, endpoint_url, description, status, health, auth_type, health_checked_at, created_at, updated_at, ' +
  'request_count, last_active';

export function toMcpSummary(row: SqlRow): McpSummaryRow {
  return {
    id: text(row.id),
    orgId: text(row.org_id),
    name: text(row.name),
    endpointUrl: text(row.endpoint_url),
    description: nullableText(row.description),
    status: text(row.status) as McpRow['status'],
    health: text(row.health) as McpRow['health'],
    authType: text(row.auth_type) as McpRow['authType'],
    healthCheckedAt: nullableText(row.health_checked_at),
    createdAt: text(row.created_at),
    updatedAt: text(row.updated_at),
    requestCount: Number(row.request_count ?? 0),
    lastActive: nullableText(row.last_active),
  };
}

export function toMcp(row: SqlRow): McpRow {
  return {
    ...toMcpSummary(row),
    credentialsCiphertext: nullableText(row.credentials_ciphertext),
    tools: JSON.parse(text(row.tools)) as McpRow['tools'],
    toolsRefreshedAt: nullableText(row.tools_refreshed_at),
  };
}

export function toUsage(row: SqlRow): UsageRow {
  return {
    id: text(row.id),
    orgId: text(row.org_id),
    apiKeyId: nullableText(row.api_key_id),
    mcpId: text(row.mcp_id),
    mcpName: nullableText(row.mcp_name),
    tool: text(row.tool),
    status: text(row.status) as UsageRow['status'],
    errorCode: nullableText(row.error_code),
    latencyMs: Number(row.latency_ms),
    createdAt: text(row.created_at),
  };
}

export function toIdempotency(row: SqlRow): IdempotencyRow {
  return {
    orgId: text(row.org_id),
    key: text(row.key),
    requestHash: text(row.request_hash),
    status: Number(row.status),
    body: text(row.body),
    createdAt: text(row.created_at),
  };
}
