/**
 * The schema, as an ordered list of migrations. Each runs once, in its own transaction, and is recorded in
 * `schema_migrations`; a database is brought up to date when it is opened. Never edit a released migration: add one.
 * Times are ISO 8601 UTC strings, which sort and compare correctly as text.
 */
import { type Clock, systemClock } from '../clock.js';
import type { SqlDb } from './sql-db.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE organizations (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        slug TEXT NOT NULL UNIQUE,
        description TEXT,
        plan TEXT NOT NULL CHECK (plan IN ('free', 'pro', 'team', 'enterprise')),
        settings TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE members (
        id TEXT PRIMARY KEY,
        org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        email TEXT NOT NULL,
        name TEXT,
        role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
        joined_at TEXT NOT NULL,
        last_active TEXT,
        updated_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX members_org_email ON members (org_id, email COLLATE NOCASE);
      CREATE INDEX members_org_order ON members (org_id, joined_at, id);
      CREATE TABLE invites (
        id TEXT PRIMARY KEY,
        org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        email TEXT NOT NULL,
        name TEXT,
        role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
        invited_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE INDEX invites_org_email ON invites (org_id, email COLLATE NOCASE, expires_at);
      -- user_id has no foreign key: a removed member's keys stay (revoked) for the audit trail.
      CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT,
        prefix TEXT NOT NULL,
        key_hash TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
        mcp_scope TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        last_used TEXT,
        expires_at TEXT,
        revoked_at TEXT
      );
      CREATE INDEX api_keys_org_order ON api_keys (org_id, created_at, id);
      CREATE TABLE mcps (
        id TEXT PRIMARY KEY,
        org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        endpoint_url TEXT NOT NULL,
        description TEXT,
        status TEXT NOT NULL CHECK (status IN ('active', 'inactive')),
        health TEXT NOT NULL CHECK (health IN ('healthy', 'unhealthy', 'unknown')),
        auth_type TEXT NOT NULL CHECK (auth_type IN ('none', 'bearer', 'api_key', 'basic')),
        credentials_ciphertext TEXT,
        tools TEXT NOT NULL DEFAULT '[]',
        tools_refreshed_at TEXT,
        health_checked_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX mcps_org_order ON mcps (org_id, created_at, id);
      -- mcp_id and api_key_id have no foreign keys: usage history outlives the MCP and the key.
      CREATE TABLE usage (
        id TEXT PRIMARY KEY,
        org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        api_key_id TEXT,
        mcp_id TEXT NOT NULL,
        mcp_name TEXT,
        tool TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('success', 'error')),
        error_code TEXT,
        latency_ms INTEGER NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX usage_org_order ON usage (org_id, created_at, id);
      CREATE INDEX usage_key_order ON usage (api_key_id, created_at, id);
      CREATE TABLE idempotency (
        org_id TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        status INTEGER NOT NULL,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (org_id, key)
      );
      CREATE INDEX idempotency_created ON idempotency (created_at);
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'per-MCP usage counters and usage indexes',
    // Lists show each MCP's request count and last call: kept on the row (recordUsage updates both in the transaction
    // that inserts the usage row), so a page is one query instead of an aggregate per MCP. The indexes serve the
    // per-MCP and per-key aggregates (covering: the aggregates never read the table); they are created first so the backfill below uses them.
    sql: `
      CREATE INDEX usage_org_mcp_time ON usage (org_id, mcp_id, created_at, status, latency_ms);
      CREATE INDEX usage_org_key_time ON usage (org_id, api_key_id, created_at);
      ALTER TABLE mcps ADD COLUMN request_count INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE mcps ADD COLUMN last_active TEXT;
      UPDATE mcps SET
        request_count = (SELECT COUNT(*) FROM usage WHERE usage.org_id = mcps.org_id AND usage.mcp_id = mcps.id),
        last_active = (SELECT MAX(created_at) FROM usage WHERE usage.org_id = mcps.org_id AND usage.mcp_id = mcps.id);
    `,
  },
  {
    version: 3,
    name: 'per-organisation monthly usage counters',
    // The quota check before every tool call reads one row instead of counting the month's usage rows. recordUsage
    // moves the counter in the transaction that inserts the row, and the organisation's deletion removes both.
    sql: `
      CREATE TABLE usage_monthly (
        org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        month TEXT NOT NULL,
        requests INTEGER NOT NULL,
        PRIMARY KEY (org_id, month)
      );
      INSERT INTO usage_monthly (org_id, month, requests)
        SELECT org_id, substr(created_at, 1, 7), COUNT(*) FROM usage GROUP BY org_id, substr(created_at, 1, 7);
    `,
  },
  {
    version: 4,
    name: 'daily usage rollups',
    // Usage summaries read per-day rollups (organisation, UTC day, MCP, key, status) and each MCP's latest recorded
    // name instead of scanning the period's rows; recordUsage moves both in the usage row's own transaction. The
    // backfill rolls up the rows already there. A call without a key is '' in api_key_id (a key column cannot be NULL).
    sql: `
      CREATE TABLE usage_daily (
        org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        day TEXT NOT NULL,
        mcp_id TEXT NOT NULL,
        api_key_id TEXT NOT NULL,
        status TEXT NOT NULL,
        requests INTEGER NOT NULL,
        latency_sum INTEGER NOT NULL,
        last_at TEXT NOT NULL,
        PRIMARY KEY (org_id, day, mcp_id, api_key_id, status)
      );
      CREATE TABLE usage_mcp_latest (
        org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        mcp_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        id TEXT NOT NULL,
        name TEXT,
        PRIMARY KEY (org_id, mcp_id)
      );
      INSERT INTO usage_daily (org_id, day, mcp_id, api_key_id, status, requests, latency_sum, last_at)
        SELECT org_id, substr(created_at, 1, 10), mcp_id, COALESCE(api_key_id, ''), status, COUNT(*), SUM(latency_ms),
          MAX(created_at)
        FROM usage GROUP BY org_id, substr(created_at, 1, 10), mcp_id, COALESCE(api_key_id, ''), status;
      INSERT INTO usage_mcp_latest (org_id, mcp_id, created_at, id, name)
        SELECT org_id, mcp_id, created_at, id, mcp_name FROM (
          SELECT org_id, mcp_id, created_at, id, mcp_name,
            ROW_NUMBER() OVER (PARTITION BY org_id, mcp_id ORDER BY created_at DESC, id DESC) AS rank
          FROM usage) AS ranked
        WHERE rank = 1;
    `,
  },
  {
    version: 5,
    name: 'hourly usage rollups',
    // A range that starts or ends inside a day reads that day's whole hours from an hourly rollup kept like the daily
    // one, so the rows a summary scans are those of at most two hours, not two days.
    sql: `
      CREATE TABLE usage_hourly (
        org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        hour TEXT NOT NULL,
        mcp_id TEXT NOT NULL,
        api_key_id TEXT NOT NULL,
        status TEXT NOT NULL,
        requests INTEGER NOT NULL,
        latency_sum INTEGER NOT NULL,
        last_at TEXT NOT NULL,
        PRIMARY KEY (org_id, hour, mcp_id, api_key_id, status)
      );
      INSERT INTO usage_hourly (org_id, hour, mcp_id, api_key_id, status, requests, latency_sum, last_at)
        SELECT org_id, substr(created_at, 1, 13), mcp_id, COALESCE(api_key_id, ''), status, COUNT(*), SUM(latency_ms),
          MAX(created_at)
        FROM usage GROUP BY org_id, substr(created_at, 1, 13), mcp_id, COALESCE(api_key_id, ''), status;
    `,
  },
  {
    version: 6,
    name: 'usage rollups by MCP',
    // Summaries that filter by neither key nor status (the usage summary, the history's total) read rollups by
    // organisation, UTC day or hour and MCP, with successes and errors counted in columns: their size follows days
    // and MCPs, not how many keys and statuses the calls had. recordUsage moves them in the usage row's transaction.
    sql: `
      CREATE TABLE usage_daily_mcp (
        org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        day TEXT NOT NULL,
        mcp_id TEXT NOT NULL,
        requests INTEGER NOT NULL,
        successes INTEGER NOT NULL,
        errors INTEGER NOT NULL,
        latency_sum INTEGER NOT NULL,
        last_at TEXT NOT NULL,
        PRIMARY KEY (org_id, day, mcp_id)
      );
      CREATE TABLE usage_hourly_mcp (
        org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        hour TEXT NOT NULL,
        mcp_id TEXT NOT NULL,
        requests INTEGER NOT NULL,
        successes INTEGER NOT NULL,
        errors INTEGER NOT NULL,
        latency_sum INTEGER NOT NULL,
        last_at TEXT NOT NULL,
        PRIMARY KEY (org_id, hour, mcp_id)
      );
      INSERT INTO usage_daily_mcp (org_id, day, mcp_id, requests, successes, errors, latency_sum, last_at)
        SELECT org_id, substr(created_at, 1, 10), mcp_id, COUNT(*), SUM(CASE WHEN status = 'success' THEN 1 ELSE 0 END),
          SUM(CASE WHEN status = 'error' THEN 1 ELSE 0 END), SUM(latency_ms), MAX(created_at)
        FROM usage GROUP BY org_id, substr(created_at, 1, 10), mcp_id;
      INSERT INTO usage_hourly_mcp (org_id, hour, mcp_id, requests, successes, errors, latency_sum, last_at)
        SELECT org_id, substr(created_at, 1, 13), mcp_id, COUNT(*), SUM(CASE WHEN status = 'success' THEN 1 ELSE 0 END),
          SUM(CASE WHEN status = 'error' THEN 1 ELSE 0 END), SUM(latency_ms), MAX(created_at)
        FROM usage GROUP BY org_id, substr(created_at, 1, 13), mcp_id;
    `,
  },
  {
    version: 7,
    name: 'pinned tool definitions',
    // openapi.yaml "Pinned tool definitions": per MCP and tool, the definition first seen or last approved (canonical
    // JSON and its SHA-256) and the latest different one presented since, which holds calls until approved. Pins go
    // with their MCP.
    sql: `
      CREATE TABLE tool_pins (
        mcp_id TEXT NOT NULL REFERENCES mcps(id) ON DELETE CASCADE,
        tool TEXT NOT NULL,
        org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        pinned_hash TEXT NOT NULL,
        pinned_definition TEXT NOT NULL,
        pinned_at TEXT NOT NULL,
        approved_by TEXT,
        changed_hash TEXT,
        changed_definition TEXT,
        changed_at TEXT,
        PRIMARY KEY (mcp_id, tool)
      );
      CREATE INDEX tool_pins_org_mcp ON tool_pins (org_id, mcp_id, pinned_at, tool);
    `,
  },
  {
    version: 8,
    name: 'invitation tokens and acceptance',
    // An invitation is accepted with a secret token, of which only the keyed hash is kept (like an API key's).
    // Invitations made before this have no token and can only expire or be withdrawn.
    sql: `
      ALTER TABLE invites ADD COLUMN token_hash TEXT;
      ALTER TABLE invites ADD COLUMN accepted_at TEXT;
      CREATE UNIQUE INDEX invites_token ON invites (token_hash);
      CREATE INDEX invites_org_order ON invites (org_id, created_at, id);
      CREATE INDEX api_keys_revoked ON api_keys (revoked_at);
      CREATE INDEX api_keys_expires ON api_keys (expires_at);
    `,
  },
];

/** Applies every migration the database has not seen, in order; returns the versions applied. */
export async function migrate(
  db: SqlDb,
  migrations: readonly Migration[] = MIGRATIONS,
  clock: Clock = systemClock,
): Promise<number[]> {
  await db.write(() =>
    db.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`),
  );
  const applied = new Set(db.all('SELECT version FROM schema_migrations').map((row) => Number(row.version)));
  const newest = Math.max(0, ...migrations.map((m) => m.version));
  const unknown = [...applied].filter((version) => version > newest);
  if (unknown.length > 0) {
    throw new Error(
      `The database ${db.location} has schema version ${Math.max(...unknown)}, newer than this server knows (${newest}); ` +
        'upgrade the server.',
    );
  }
  const done: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    await db.write(() => {
      db.exec(migration.sql);
      db.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        clock().toISOString(),
      ]);
    });
    done.push(migration.version);
  }
  return done;
}
