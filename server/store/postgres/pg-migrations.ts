/**
 * The PostgreSQL schema, as its own ordered list of migrations (recorded in `schema_migrations`, applied when the store
 * opens). It holds the same tables, columns and constraints as the embedded schema after all of its migrations, so the
 * two stores answer alike:
 * - every text column is `COLLATE "C"`: ordering and comparison by bytes, as SQLite's default BINARY collation, so
 *   `ORDER BY created_at, id` pages identically whatever the database's locale;
 * - times stay ISO 8601 text and JSON stays text, so values come back exactly as they were written (jsonb would
 *   reorder keys);
 * - SQLite's `COLLATE NOCASE` email matching folds ASCII letters only, which is what `lower()` does under "C".
 * Never edit a released migration: add one. Instances starting together serialise on an advisory lock, so each
 * migration runs once.
 */
import type { PgDb } from './pg-db.js';

export interface PgMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE organizations (
        id TEXT COLLATE "C" PRIMARY KEY,
        name TEXT COLLATE "C" NOT NULL,
        slug TEXT COLLATE "C" NOT NULL UNIQUE,
        description TEXT COLLATE "C",
        plan TEXT COLLATE "C" NOT NULL CHECK (plan IN ('free', 'pro', 'team', 'enterprise')),
        settings TEXT COLLATE "C" NOT NULL DEFAULT '{}',
        created_at TEXT COLLATE "C" NOT NULL,
        updated_at TEXT COLLATE "C" NOT NULL
      );
      CREATE TABLE members (
        id TEXT COLLATE "C" PRIMARY KEY,
        org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        email TEXT COLLATE "C" NOT NULL,
        name TEXT COLLATE "C",
        role TEXT COLLATE "C" NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
        joined_at TEXT COLLATE "C" NOT NULL,
        last_active TEXT COLLATE "C",
        updated_at TEXT COLLATE "C" NOT NULL
      );
      CREATE UNIQUE INDEX members_org_email ON members (org_id, lower(email));
      CREATE INDEX members_org_order ON members (org_id, joined_at, id);
      CREATE TABLE invites (
        id TEXT COLLATE "C" PRIMARY KEY,
        org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        email TEXT COLLATE "C" NOT NULL,
        name TEXT COLLATE "C",
        role TEXT COLLATE "C" NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
        invited_by TEXT COLLATE "C" NOT NULL,
        created_at TEXT COLLATE "C" NOT NULL,
        expires_at TEXT COLLATE "C" NOT NULL
      );
      CREATE INDEX invites_org_email ON invites (org_id, lower(email), expires_at);
      -- user_id has no foreign key: a removed member's keys stay (revoked) for the audit trail.
      CREATE TABLE api_keys (
        id TEXT COLLATE "C" PRIMARY KEY,
        org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        user_id TEXT COLLATE "C" NOT NULL,
        name TEXT COLLATE "C" NOT NULL,
        description TEXT COLLATE "C",
        prefix TEXT COLLATE "C" NOT NULL,
        key_hash TEXT COLLATE "C" NOT NULL UNIQUE,
        role TEXT COLLATE "C" NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
        mcp_scope TEXT COLLATE "C" NOT NULL,
        created_at TEXT COLLATE "C" NOT NULL,
        updated_at TEXT COLLATE "C" NOT NULL,
        last_used TEXT COLLATE "C",
        expires_at TEXT COLLATE "C",
        revoked_at TEXT COLLATE "C"
      );
      CREATE INDEX api_keys_org_order ON api_keys (org_id, created_at, id);
      CREATE TABLE mcps (
        id TEXT COLLATE "C" PRIMARY KEY,
        org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        name TEXT COLLATE "C" NOT NULL,
        endpoint_url TEXT COLLATE "C" NOT NULL,
        description TEXT COLLATE "C",
        status TEXT COLLATE "C" NOT NULL CHECK (status IN ('active', 'inactive')),
        health TEXT COLLATE "C" NOT NULL CHECK (health IN ('healthy', 'unhealthy', 'unknown')),
        auth_type TEXT COLLATE "C" NOT NULL CHECK (auth_type IN ('none', 'bearer', 'api_key', 'basic')),
        credentials_ciphertext TEXT COLLATE "C",
        tools TEXT COLLATE "C" NOT NULL DEFAULT '[]',
        tools_refreshed_at TEXT COLLATE "C",
        health_checked_at TEXT COLLATE "C",
        created_at TEXT COLLATE "C" NOT NULL,
        updated_at TEXT COLLATE "C" NOT NULL,
        request_count BIGINT NOT NULL DEFAULT 0,
        last_active TEXT COLLATE "C"
      );
      CREATE INDEX mcps_org_order ON mcps (org_id, created_at, id);
      -- mcp_id and api_key_id have no foreign keys: usage history outlives the MCP and the key.
      CREATE TABLE usage (
        id TEXT COLLATE "C" PRIMARY KEY,
        org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        api_key_id TEXT COLLATE "C",
        mcp_id TEXT COLLATE "C" NOT NULL,
        mcp_name TEXT COLLATE "C",
        tool TEXT COLLATE "C" NOT NULL,
        status TEXT COLLATE "C" NOT NULL CHECK (status IN ('success', 'error')),
        error_code TEXT COLLATE "C",
        latency_ms BIGINT NOT NULL,
        created_at TEXT COLLATE "C" NOT NULL
      );
      CREATE INDEX usage_org_order ON usage (org_id, created_at, id);
      CREATE INDEX usage_key_order ON usage (api_key_id, created_at, id);
      CREATE INDEX usage_org_mcp_time ON usage (org_id, mcp_id, created_at, status, latency_ms);
      CREATE INDEX usage_org_key_time ON usage (org_id, api_key_id, created_at);
      CREATE TABLE usage_monthly (
        org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        month TEXT COLLATE "C" NOT NULL,
        requests BIGINT NOT NULL,
        PRIMARY KEY (org_id, month)
      );
      CREATE TABLE idempotency (
        org_id TEXT COLLATE "C" NOT NULL,
        key TEXT COLLATE "C" NOT NULL,
        request_hash TEXT COLLATE "C" NOT NULL,
        status INTEGER NOT NULL,
        body TEXT COLLATE "C" NOT NULL,
        created_at TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (org_id, key)
      );
      CREATE INDEX idempotency_created ON idempotency (created_at);
      CREATE TABLE meta (
        key TEXT COLLATE "C" PRIMARY KEY,
        value TEXT COLLATE "C" NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'shared rate-limit counters',
    // rate-limiter-flexible's RateLimiterPostgres table (its own columns: key, points, expire in epoch ms), created
    // here so instances starting together never race to create it. Expired rows are deleted by the library.
    sql: `
      CREATE TABLE rate_limits (
        key VARCHAR(255) PRIMARY KEY,
        points INTEGER NOT NULL DEFAULT 0,
        expire BIGINT
      );
    `,
  },
  {
    version: 3,
    name: 'daily usage rollups',
    // Usage summaries read per-day rollups (organisation, UTC day, MCP, key, status) and each MCP's latest recorded
    // name instead of scanning the period's rows; recordUsage moves both in the usage row's own transaction. The
    // backfill rolls up the rows already there. A call without a key is '' in api_key_id (a key column cannot be NULL).
    sql: `
      CREATE TABLE usage_daily (
        org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        day TEXT COLLATE "C" NOT NULL,
        mcp_id TEXT COLLATE "C" NOT NULL,
        api_key_id TEXT COLLATE "C" NOT NULL,
        status TEXT COLLATE "C" NOT NULL,
        requests BIGINT NOT NULL,
        latency_sum BIGINT NOT NULL,
        last_at TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (org_id, day, mcp_id, api_key_id, status)
      );
      CREATE TABLE usage_mcp_latest (
        org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        mcp_id TEXT COLLATE "C" NOT NULL,
        created_at TEXT COLLATE "C" NOT NULL,
        id TEXT COLLATE "C" NOT NULL,
        name TEXT COLLATE "C",
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
    version: 4,
    name: 'hourly usage rollups',
    // A range that starts or ends inside a day reads that day's whole hours from an hourly rollup kept like the daily
    // one, so the rows a summary scans are those of at most two hours, not two days.
    sql: `
      CREATE TABLE usage_hourly (
        org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        hour TEXT COLLATE "C" NOT NULL,
        mcp_id TEXT COLLATE "C" NOT NULL,
        api_key_id TEXT COLLATE "C" NOT NULL,
        status TEXT COLLATE "C" NOT NULL,
        requests BIGINT NOT NULL,
        latency_sum BIGINT NOT NULL,
        last_at TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (org_id, hour, mcp_id, api_key_id, status)
      );
      INSERT INTO usage_hourly (org_id, hour, mcp_id, api_key_id, status, requests, latency_sum, last_at)
        SELECT org_id, substr(created_at, 1, 13), mcp_id, COALESCE(api_key_id, ''), status, COUNT(*), SUM(latency_ms),
          MAX(created_at)
        FROM usage GROUP BY org_id, substr(created_at, 1, 13), mcp_id, COALESCE(api_key_id, ''), status;
    `,
  },
  {
    version: 5,
    name: 'usage rollups by MCP',
    // Summaries that filter by neither key nor status (the usage summary, the history's total) read rollups by
    // organisation, UTC day or hour and MCP, with successes and errors counted in columns: their size follows days
    // and MCPs, not how many keys and statuses the calls had. recordUsage moves them in the usage row's transaction.
    sql: `
      CREATE TABLE usage_daily_mcp (
        org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        day TEXT COLLATE "C" NOT NULL,
        mcp_id TEXT COLLATE "C" NOT NULL,
        requests BIGINT NOT NULL,
        successes BIGINT NOT NULL,
        errors BIGINT NOT NULL,
        latency_sum BIGINT NOT NULL,
        last_at TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (org_id, day, mcp_id)
      );
      CREATE TABLE usage_hourly_mcp (
        org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        hour TEXT COLLATE "C" NOT NULL,
        mcp_id TEXT COLLATE "C" NOT NULL,
        requests BIGINT NOT NULL,
        successes BIGINT NOT NULL,
        errors BIGINT NOT NULL,
        latency_sum BIGINT NOT NULL,
        last_at TEXT COLLATE "C" NOT NULL,
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
    version: 6,
    name: 'pinned tool definitions',
    // openapi.yaml "Pinned tool definitions"; the same table as the embedded schema's version 7.
    sql: `
      CREATE TABLE tool_pins (
        mcp_id TEXT COLLATE "C" NOT NULL REFERENCES mcps(id) ON DELETE CASCADE,
        tool TEXT COLLATE "C" NOT NULL,
        org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        pinned_hash TEXT COLLATE "C" NOT NULL,
        pinned_definition TEXT COLLATE "C" NOT NULL,
        pinned_at TEXT COLLATE "C" NOT NULL,
        approved_by TEXT COLLATE "C",
        changed_hash TEXT COLLATE "C",
        changed_definition TEXT COLLATE "C",
        changed_at TEXT COLLATE "C",
        PRIMARY KEY (mcp_id, tool)
      );
      CREATE INDEX tool_pins_org_mcp ON tool_pins (org_id, mcp_id, pinned_at, tool);
    `,
  },
  {
    version: 7,
    name: 'invitation tokens and acceptance',
    // An invitation is accepted with a secret token, of which only the keyed hash is kept (like an API key's).
    // Invitations made before this have no token and can only expire or be withdrawn.
    sql: `
      ALTER TABLE invites ADD COLUMN token_hash TEXT COLLATE "C";
      ALTER TABLE invites ADD COLUMN accepted_at TEXT COLLATE "C";
      CREATE UNIQUE INDEX invites_token ON invites (token_hash);
      CREATE INDEX invites_org_order ON invites (org_id, created_at, id);
      CREATE INDEX api_keys_revoked ON api_keys (revoked_at);
      CREATE INDEX api_keys_expires ON api_keys (expires_at);
    `,
  },
];

// An arbitrary constant naming this schema's migration lock among the database's advisory locks.
const MIGRATION_LOCK = 0x706c_6578;

/** Applies every migration the database has not seen, in one transaction; returns the versions applied. */
export async function migratePg(db: PgDb, migrations: readonly PgMigration[] = PG_MIGRATIONS): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.run('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK]);
    await tx.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const applied = new Set((await tx.all('SELECT version FROM schema_migrations')).map((row) => Number(row.version)));
    const newest = Math.max(0, ...migrations.map((m) => m.version));
    const unknown = [...applied].filter((version) => version > newest);
    if (unknown.length > 0) {
      throw new Error(
        `The PostgreSQL database has schema version ${Math.max(...unknown)}, newer than this server knows (${newest}); ` +
          'upgrade the server.',
      );
    }
    const done: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      await tx.run(migration.sql);
      await tx.run(
        `INSERT INTO schema_migrations (version, name, applied_at)
         VALUES (?, ?, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`,
        [migration.version, migration.name],
      );
      done.push(migration.version);
    }
    return done;
  });
}
