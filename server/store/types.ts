/**
 * The storage contract. Handlers reach data only through `Store`. It is asynchronous even though sql.js is not, so that
 * a PostgreSQL implementation can be added for multi-instance deployments without touching handlers.
 * Every read and write of organisation data takes the organisation id: another organisation's rows are invisible.
 * Times are ISO 8601 strings in UTC (a `Clock`'s `toISOString()`); ids are prefixed strings (`mcp_…`, `key_…`).
 */
import type { components } from '../../generated/schema.js';

type Schemas = components['schemas'];
export type Role = Schemas['Role'];
export type Plan = Schemas['Plan'];
export type AuthType = Schemas['AuthType'];
export type McpStatus = Schemas['McpStatus'];
export type McpHealth = Schemas['McpHealth'];
export type InvocationStatus = Schemas['InvocationStatus'];
export type ApiKeyStatus = Schemas['ApiKeyStatus'];
export type Tool = Schemas['Tool'];
/** `'*'` for every MCP of the organisation, or the MCP ids a key may use. */
export type McpScope = '*' | string[];

export interface PageRequest {
  page: number;
  perPage: number;
}
export interface Page<T> {
  items: T[];
  /** Rows matching the filter in the whole list, not just this page. */
  total: number;
}

export interface OrganizationRow {
  id: string;
  name: string;
  slug: string;
  description: string | null;
  plan: Plan;
  settings: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface MemberRow {
  id: string;
  orgId: string;
  email: string;
  name: string | null;
  role: Role;
  joinedAt: string;
  lastActive: string | null;
  updatedAt: string;
}

export interface InviteRow {
  id: string;
  orgId: string;
  email: string;
  name: string | null;
  role: Role;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
  /** Keyed hash (HMAC-SHA-256, hex) of the invitation's token; the token itself is never stored. Null only for
   * invitations made before invitations could be accepted. */
  tokenHash: string | null;
  /** When the invitation was used; an accepted invitation is no longer pending. */
  acceptedAt: string | null;
}

export type NewInvite = Omit<InviteRow, 'acceptedAt'>;

/** What accepting an invitation came to, decided in one transaction. */
export type InviteAcceptance =
  | { kind: 'accepted'; invite: InviteRow; member: MemberRow; key: ApiKeyRow }
  /** No pending invitation has this token: unknown, used, withdrawn or expired, alike. */
  | { kind: 'not_found' }
  /** The invited email is already a member; the invitation stays pending. */
  | { kind: 'already_member'; invite: InviteRow };

export interface ApiKeyRow {
  id: string;
  orgId: string;
  /** The member the key was issued to; the key never acts above this member's current role. */
  userId: string;
  name: string;
  description: string | null;
  /** The first 12 characters of the key, kept for display. */
  prefix: string;
  /** Hex SHA-256 (or HMAC-SHA-256) of the full key; the key itself is never stored. */
  keyHash: string;
  role: Role;
  mcpScope: McpScope;
  createdAt: string;
  updatedAt: string;
  lastUsed: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface McpRow {
  id: string;
  orgId: string;
  name: string;
  endpointUrl: string;
  description: string | null;
  status: McpStatus;
  health: McpHealth;
  authType: AuthType;
  /** Upstream credentials, encrypted (AES-256-GCM) by the caller before they reach the store; null when none. */
  credentialsCiphertext: string | null;
  tools: Tool[];
  toolsRefreshedAt: string | null;
  healthCheckedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Usage rows recorded for this MCP, kept in step with `usage` by `recordUsage` (same transaction). */
  requestCount: number;
  /** The newest usage row's `createdAt`, or null before the first call. */
  lastActive: string | null;
}

/**
 * One tool's pinned definition (openapi.yaml: "Pinned tool definitions"): the definition first seen (or last
 * approved), and the latest different one an upstream presented since, which holds calls to the tool until approved.
 */
export interface ToolPinRow {
  mcpId: string;
  orgId: string;
  tool: string;
  /** Lower-case hex SHA-256 of `pinnedDefinition`. */
  pinnedHash: string;
  /** Canonical JSON of `{ description, input_schema, name }` (server/pinning/tool-definition.ts). */
  pinnedDefinition: string;
  pinnedAt: string;
  /** The member who approved the pinned definition; null when it was pinned on first sight. */
  approvedBy: string | null;
  changedHash: string | null;
  changedDefinition: string | null;
  /** When the upstream first presented `changedDefinition`. */
  changedAt: string | null;
}

/** A definition an upstream presents, as `observeToolDefinitions` takes it. */
export interface ObservedDefinition {
  tool: string;
  definition: string;
  hash: string;
}

/** What approving a definition came to: the pin afterwards, and whether the hash was approved (`false`: stale). */
export type ApprovalOutcome = { approved: boolean; pin: ToolPinRow } | undefined;

/** What a list of MCPs shows: the row without its tool catalogue or credentials, which lists never return. */
export type McpSummaryRow = Omit<McpRow, 'tools' | 'toolsRefreshedAt' | 'credentialsCiphertext'>;

/** One MCP's usage figures, from one aggregate (`McpDetail.stats`). */
export interface McpUsageStats {
  total: number;
  /** Rows at or after the `since` instant given. */
  since: number;
  error: number;
  avgLatencyMs: number;
}

/** Usage counts of one API key: all time and since each of the given instants. */
export interface ApiKeyUsageCounts {
  total: number;
  today: number;
  week: number;
  month: number;
}

/** An API key with its creator's membership (undefined once the creator has left) and organisation, read together. */
export interface KeyPrincipalRows {
  key: ApiKeyRow;
  member: MemberRow | undefined;
  organization: OrganizationRow;
}

export interface UsageRow {
  id: string;
  orgId: string;
  apiKeyId: string | null;
  mcpId: string;
  /** The MCP's name at the time of the call, so history survives the MCP's deletion. */
  mcpName: string | null;
  tool: string;
  status: InvocationStatus;
  errorCode: string | null;
  latencyMs: number;
  createdAt: string;
}

export interface IdempotencyRow {
  orgId: string;
  key: string;
  /** Operation and SHA-256 of the request body: the same key with another body is a conflict. */
  requestHash: string;
  /** The stored response's HTTP status, or `IDEMPOTENCY_PENDING` for a reservation whose request is still running. */
  status: number;
  /** The stored response's body; a pending reservation's holds its holder's token instead. */
  body: string;
  createdAt: string;
}

/** The `status` of a reservation taken before the request runs (claimIdempotency), until its response is stored. */
export const IDEMPOTENCY_PENDING = 0;

export interface McpFilter {
  status?: McpStatus;
  health?: McpHealth;
  /** Restricts to these ids (a scoped key's view); undefined means no restriction. */
  ids?: readonly string[];
}

export interface ApiKeyFilter {
  status?: ApiKeyStatus;
  /** Only keys issued to this member (what a member or viewer manages: openapi.yaml, Key management). */
  userId?: string;
  /** Only keys issued with one of these roles. */
  roles?: readonly Role[];
  /** Only keys scoped to some of these MCP ids and nothing else (a key over every MCP is not within any list). */
  withinScope?: readonly string[];
  /** Evaluates expiry against this instant; defaults to now. */
  now?: string;
}

export interface UsageFilter {
  mcpId?: string;
  /** Restricts to these MCP ids (a scoped key's view). */
  mcpIds?: readonly string[];
  apiKeyId?: string;
  status?: InvocationStatus;
  /** Inclusive lower bound on `createdAt`. */
  from?: string;
  /** Inclusive upper bound on `createdAt`. */
  to?: string;
}

export interface UsageAggregate {
  total: number;
  success: number;
  error: number;
  avgLatencyMs: number;
  lastAt: string | null;
  byMcp: { mcpId: string; name: string | null; requests: number; errors: number; avgLatencyMs: number }[];
  /** One entry per UTC day that has rows, ascending, `date` as YYYY-MM-DD. */
  byDay: { date: string; requests: number; errors: number }[];
}

export type NewOrganization = Omit<OrganizationRow, 'createdAt' | 'updatedAt'> & { createdAt?: string };
export type NewMember = Omit<MemberRow, 'joinedAt' | 'updatedAt' | 'lastActive'> & { joinedAt?: string };
export type NewApiKey = Omit<ApiKeyRow, 'createdAt' | 'updatedAt' | 'lastUsed' | 'revokedAt'> & { createdAt?: string };
export type NewMcp = Omit<
  McpRow,
  | 'createdAt'
  | 'updatedAt'
  | 'tools'
  | 'toolsRefreshedAt'
  | 'health'
  | 'healthCheckedAt'
  | 'requestCount'
  | 'lastActive'
> & {
  createdAt?: string;
};

export interface Store {
  createOrganization(org: NewOrganization): Promise<OrganizationRow>;
  getOrganization(id: string): Promise<OrganizationRow | undefined>;
  listOrganizations(): Promise<OrganizationRow[]>;
  updateOrganization(
    id: string,
    patch: Partial<Pick<OrganizationRow, 'name' | 'description' | 'settings' | 'plan'>>,
  ): Promise<OrganizationRow | undefined>;

  createMember(member: NewMember): Promise<MemberRow>;
  getMember(orgId: string, userId: string): Promise<MemberRow | undefined>;
  findMemberByEmail(orgId: string, email: string): Promise<MemberRow | undefined>;
  /** The members with these ids (missing ones are simply absent): one query for a whole page's creators. */
  getMembers(orgId: string, userIds: readonly string[]): Promise<MemberRow[]>;
  listMembers(orgId: string, filter: { role?: Role }, page: PageRequest): Promise<Page<MemberRow>>;
  countMembers(orgId: string, filter?: { role?: Role }): Promise<number>;
  /** Throws `LastOwnerError` instead of demoting the organisation's last owner. */
  updateMemberRole(orgId: string, userId: string, role: Role, at: string): Promise<MemberRow | undefined>;
  touchMember(orgId: string, userId: string, at: string): Promise<void>;
  /** Removes the member and revokes every key they created, in one transaction; throws `LastOwnerError` instead of
   * removing the organisation's last owner. */
  removeMember(orgId: string, userId: string, at: string): Promise<boolean>;
  createInvite(invite: NewInvite): Promise<InviteRow>;
  findPendingInvite(orgId: string, email: string, now: string): Promise<InviteRow | undefined>;
  /** A pending invitation (neither accepted, withdrawn nor expired at `now`) of the organisation. */
  getPendingInvite(orgId: string, id: string, now: string): Promise<InviteRow | undefined>;
  /** Pending invitations, ordered by `createdAt`, then `id`. */
  listPendingInvites(orgId: string, now: string, page: PageRequest): Promise<Page<InviteRow>>;
  /** Deletes a pending invitation; false when there is none with that id. */
  withdrawInvite(orgId: string, id: string, now: string): Promise<boolean>;
  /**
   * In one transaction: takes the pending invitation whose token hashes to `tokenHash`, marks it accepted, and creates
   * the member and key `build` makes of it. Of concurrent calls with one token, exactly one is `accepted`.
   */
  acceptInvite(
    tokenHash: string,
    now: string,
    build: (invite: InviteRow) => { member: NewMember; key: NewApiKey },
  ): Promise<InviteAcceptance>;

  createApiKey(key: NewApiKey): Promise<ApiKeyRow>;
  /** Looks a key up by hash across all organisations (authentication). */
  findApiKeyByHash(keyHash: string): Promise<ApiKeyRow | undefined>;
  /** Authentication in one call: the key by hash, its creator's membership and its organisation. */
  findKeyPrincipal(keyHash: string): Promise<KeyPrincipalRows | undefined>;
  getApiKey(orgId: string, id: string): Promise<ApiKeyRow | undefined>;
  listApiKeys(orgId: string, filter: ApiKeyFilter, page: PageRequest): Promise<Page<ApiKeyRow>>;
  /** Active means neither revoked nor expired at `now`. */
  countActiveApiKeys(orgId: string, filter: { userId?: string; now: string }): Promise<number>;
  updateApiKey(
    orgId: string,
    id: string,
    patch: Partial<Pick<ApiKeyRow, 'name' | 'description'>>,
  ): Promise<ApiKeyRow | undefined>;
  /** Throws `LastOwnerError` instead of revoking the organisation's last active key that acts as owner (an owner's
   * key with the owner role). Revoking a revoked key keeps its first revocation time. */
  revokeApiKey(orgId: string, id: string, at: string): Promise<ApiKeyRow | undefined>;
  touchApiKey(id: string, at: string): Promise<void>;
  /** Deletes keys revoked, or expired, at or before `cutoff` (openapi.yaml "Key management": they age out); their
   * usage rows stay. Returns how many were deleted. */
  purgeApiKeysBefore(cutoff: string): Promise<number>;

  createMcp(mcp: NewMcp): Promise<McpRow>;
  getMcp(orgId: string, id: string): Promise<McpRow | undefined>;
  listMcps(orgId: string, filter: McpFilter, page: PageRequest): Promise<Page<McpRow>>;
  /** Like `listMcps`, without the tool catalogues and credentials a list never shows (nothing to decode). */
  listMcpSummaries(orgId: string, filter: McpFilter, page: PageRequest): Promise<Page<McpSummaryRow>>;
  /** Every MCP of every organisation (the health checker's round). */
  listAllMcps(): Promise<McpRow[]>;
  countMcps(orgId: string): Promise<number>;
  updateMcp(
    orgId: string,
    id: string,
    patch: Partial<
      Pick<McpRow, 'name' | 'endpointUrl' | 'description' | 'status' | 'authType' | 'credentialsCiphertext'>
    >,
  ): Promise<McpRow | undefined>;
  /**
   * Observes every tool's definition as `observeToolDefinitions` does and stores the catalogue, in one transaction.
   * What is stored holds approved definitions only: a tool whose definition awaits approval keeps its pinned one (the
   * changed one is kept with the pin, for review), and a name listed twice keeps its first entry.
   */
  setMcpTools(id: string, tools: Tool[], at: string): Promise<void>;
  /**
   * Pins each definition of a tool this MCP has no pin for (of definitions observed at once for one tool, exactly one is
   * pinned: the others are then changes), and records a definition that differs from the pinned one and from the change
   * already recorded as the tool's change. A definition equal to the pinned one never clears a recorded change: only an
   * approval does. Returns the pins of the tools observed; none when the MCP no longer exists.
   */
  observeToolDefinitions(mcpId: string, observed: readonly ObservedDefinition[], at: string): Promise<ToolPinRow[]>;
  /** The MCP's pins, by tool name; `changedOnly`: those holding a change awaiting approval, oldest change first. */
  listToolPins(
    orgId: string,
    mcpId: string,
    filter: { changedOnly?: boolean },
    page?: PageRequest,
  ): Promise<Page<ToolPinRow>>;
  /**
   * Pins the change awaiting approval when its hash is `hash`, in one atomic step (not approved otherwise, or when
   * nothing awaits approval and `hash` is not the pinned one; approving the pinned hash with nothing awaiting is a
   * no-op that counts as approved). An approved definition replaces the tool's entry in the cached catalogue.
   * Undefined when the MCP has no pin for `tool` in this organisation.
   */
  approveToolDefinition(
    orgId: string,
    mcpId: string,
    tool: string,
    hash: string,
    approvedBy: string,
    at: string,
  ): Promise<ApprovalOutcome>;
  setMcpHealth(id: string, health: McpHealth, at: string): Promise<void>;
  deleteMcp(orgId: string, id: string): Promise<boolean>;

  /**
   * Records one invocation. `reservedMonth`: the call holds a reservation (reserveMonthlyUsage) that already counted it
   * in that month, so the month's counter is not moved again (or is moved from that month to the row's own when the
   * month turned meanwhile).
   */
  recordUsage(row: UsageRow, options?: { reservedMonth?: string }): Promise<void>;
  /**
   * Takes one invocation from the organisation's `month` ('YYYY-MM') in one atomic step, before the upstream call: true
   * when the month's count was below `limit` (and is now one more), false when the quota is used up. Concurrent calls
   * can never take more than `limit` in all.
   */
  reserveMonthlyUsage(orgId: string, month: string, limit: number): Promise<boolean>;
  /** Gives back a reservation whose call was never recorded. */
  releaseMonthlyUsage(orgId: string, month: string): Promise<void>;
  /** Newest last: ordered by `createdAt`, then `id`. */
  listUsage(orgId: string, filter: UsageFilter, page: PageRequest): Promise<Page<UsageRow>>;
  countUsage(orgId: string, filter: UsageFilter): Promise<number>;
  /**
   * The organisation's usage rows created in one calendar month, `month` as 'YYYY-MM' (UTC, the first 7 characters of
   * `createdAt`): a counter recordUsage moves in the row's own transaction, so it always equals counting the rows.
   */
  countMonthlyUsage(orgId: string, month: string): Promise<number>;
  summarizeUsage(orgId: string, filter: UsageFilter): Promise<UsageAggregate>;
  /** One MCP's totals, errors, mean latency and rows since `since`, in one indexed aggregate. */
  mcpUsageStats(orgId: string, mcpId: string, since: string): Promise<McpUsageStats>;
  /** Per-key counts for a page of keys in one grouped query; keys without usage get zeros. */
  apiKeyUsageCounts(
    orgId: string,
    apiKeyIds: readonly string[],
    since: { today: string; week: string; month: string },
  ): Promise<Map<string, ApiKeyUsageCounts>>;
  /** The latest rows of a key, newest first (a key's `recent_activity`). */
  recentUsage(orgId: string, apiKeyId: string, limit: number): Promise<UsageRow[]>;

  getIdempotency(orgId: string, key: string): Promise<IdempotencyRow | undefined>;
  putIdempotency(row: IdempotencyRow): Promise<void>;
  /**
   * Takes the record for `row.orgId` and `row.key` in one atomic step, for a request about to run (`row` is a pending
   * reservation): inserted when there is none; given `replacing`, put in place of that exact record (a stale one) only
   * if it is unchanged. True when the record is now `row`: of instances claiming at once, exactly one gets true.
   */
  claimIdempotency(row: IdempotencyRow, replacing?: IdempotencyRow): Promise<boolean>;
  /** Replaces the pending reservation whose body is `token` with the final `row`; false when it is no longer there. */
  completeIdempotency(row: IdempotencyRow, token: string): Promise<boolean>;
  /** Deletes the pending reservation whose body is `token` (its response is not to be replayed). */
  releaseIdempotency(orgId: string, key: string, token: string): Promise<void>;
  deleteIdempotencyBefore(before: string): Promise<number>;

  /** Small server-wide values kept with the database (generated secrets, schema facts). */
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;

  /** Flushes everything to disk and releases the database; the store is unusable afterwards. */
  close(): Promise<void>;
}
