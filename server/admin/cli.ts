/**
 * plexmcp-admin: offline administration of a PlexMCP database (the same DATABASE_URL and API_KEY_HMAC_SECRET as the
 * server). It opens the database itself, so it refuses while a server holds it: stop the server first.
 *
 *   plexmcp-admin create-org --name N --plan free|pro|team|enterprise [--owner-email E]
 *   plexmcp-admin create-key --org ID [--role R] [--mcps id,id] [--name N] [--user USER_ID]
 *   plexmcp-admin list-orgs
 *   plexmcp-admin migrate --to postgres://…   (DATABASE_URL names the embedded database to copy; see migrate.ts)
 *
 * Results are printed as JSON on standard output; `api_key` is shown once and only its hash is stored.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { hashApiKey } from '../auth/api-key.js';
import { systemClock } from '../clock.js';
import { type Config, ConfigError, loadConfig } from '../config/config.js';
import { type DatabaseTarget, parseDatabaseUrl, withoutPassword } from '../config/database-url.js';
import { keyFilePath } from '../crypto/key-file.js';
import { resolveSecrets } from '../secrets.js';
import { DatabaseLockedError } from '../store/db-lock.js';
import { openStore } from '../store/open-store.js';
import { openPostgresStore } from '../store/postgres/postgres-store.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { Plan, Role } from '../store/types.js';
import { type AdminContext, AdminError, createKeyCommand, createOrganizationCommand } from './commands.js';
import { migrateToPostgres } from './migrate.js';

const USAGE = `Usage:
  plexmcp-admin create-org --name NAME --plan free|pro|team|enterprise [--owner-email EMAIL]
  plexmcp-admin create-key --org ORG_ID [--role owner|admin|member|viewer] [--mcps ID,ID] [--name NAME] [--user USER_ID]
  plexmcp-admin list-orgs
  plexmcp-admin migrate --to postgres://USER:PASSWORD@HOST:5432/DATABASE
The database is DATABASE_URL (default file:./data/plexmcp.db); set API_KEY_HMAC_SECRET as the server has it, if it does.`;

const PLANS: readonly Plan[] = ['free', 'pro', 'team', 'enterprise'];
const ROLES: readonly Role[] = ['owner', 'admin', 'member', 'viewer'];

function choice<T extends string>(flag: string, value: string | undefined, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  const found = choices.find((c) => c === value);
  if (!found) throw new AdminError(`--${flag} must be one of ${choices.join(', ')}`);
  return found;
}

function required(flag: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '') throw new AdminError(`--${flag} is required\n${USAGE}`);
  return value.trim();
}

async function run(command: string, values: Record<string, string | undefined>, ctx: AdminContext, ownerEmail: string) {
  const { store } = ctx;
  switch (command) {
    case 'create-org':
      return createOrganizationCommand(ctx, {
        name: required('name', values.name),
        plan: choice('plan', required('plan', values.plan), PLANS)!,
        ownerEmail: values['owner-email'] ?? ownerEmail,
      });
    case 'create-key':
      return createKeyCommand(ctx, {
        orgId: required('org', values.org),
        userId: values.user,
        role: choice('role', values.role, ROLES),
        mcps: values.mcps
          ?.split(',')
          .map((id) => id.trim())
          .filter((id) => id !== ''),
        name: values.name,
      });
    case 'list-orgs':
      return (await store.listOrganizations()).map((org) => ({
        id: org.id,
        name: org.name,
        slug: org.slug,
        plan: org.plan,
      }));
    default:
      throw new AdminError(`Unknown command ${JSON.stringify(command)}\n${USAGE}`);
  }
}

/** Copies the embedded database DATABASE_URL names into the empty PostgreSQL database `to`. */
async function migrateCommand(config: Config, to: string) {
  if (config.database.kind !== 'sqlite') {
    throw new AdminError('migrate copies an embedded database: DATABASE_URL must name its file (file:…)');
  }
  let target: DatabaseTarget;
  try {
    target = parseDatabaseUrl(to);
  } catch (error) {
    throw new AdminError(`--to: ${(error as Error).message}`);
  }
  if (target.kind !== 'postgres') throw new AdminError('--to must be a PostgreSQL URL (postgres://…)');
  const source = await openSqliteStore({ path: config.database.path });
  try {
    const destination = await openPostgresStore({ url: target.url, ...config.databasePool });
    try {
      const rows = await migrateToPostgres(source, destination);
      return {
        migrated_to: withoutPassword(target.url),
        rows,
        next:
          'Start the servers with DATABASE_URL set to the PostgreSQL URL and the same API_KEY_HMAC_SECRET and ' +
          `PLEXMCP_ENCRYPTION_KEY as this database had (its environment, or its key file ${keyFilePath(source.path)}): ` +
          'keys are stored as HMACs and credentials encrypted under them.',
      };
    } finally {
      await destination.close();
    }
  } finally {
    await source.close();
  }
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        plan: { type: 'string' },
        'owner-email': { type: 'string' },
        org: { type: 'string' },
        role: { type: 'string' },
        mcps: { type: 'string' },
        user: { type: 'string' },
        to: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    const command = positionals[0];
    if (values.help || command === undefined || command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return command === undefined && !values.help ? 2 : 0;
    }
    if (!['create-org', 'create-key', 'list-orgs', 'migrate'].includes(command))
      throw new AdminError(`Unknown command ${JSON.stringify(command)}\n${USAGE}`);
    const config = loadConfig(env);
    if (command === 'migrate') {
      process.stdout.write(`${JSON.stringify(await migrateCommand(config, required('to', values.to)), null, 2)}\n`);
      return 0;
    }
    const { store } = await openStore({ database: config.database, databasePool: config.databasePool });
    try {
      const secrets = await resolveSecrets(store, config);
      for (const warning of secrets.warnings) process.stderr.write(`warning: ${warning}\n`);
      const hash = (key: string) => hashApiKey(key, secrets.apiKeyHmacSecret);
      const { help: _, ...flags } = values;
      const result = await run(command, flags, { store, hashApiKey: hash, clock: systemClock }, config.ownerEmail);
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } finally {
      await store.close();
    }
    return 0;
  } catch (error) {
    if (error instanceof DatabaseLockedError) {
      process.stderr.write(
        `plexmcp-admin: ${error.message}\nplexmcp-admin works offline: stop the server, run the command, start the server again.\n`,
      );
      return 1;
    }
    if (
      error instanceof AdminError ||
      error instanceof ConfigError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(`plexmcp-admin: ${(error as Error).message}\n`);
      return error instanceof AdminError && (error as Error).message.includes('Usage:') ? 2 : 1;
    }
    if ((error as Error).name === 'StoreConflictError') {
      process.stderr.write(`plexmcp-admin: already exists: ${(error as Error).message}\n`);
      return 1;
    }
    throw error;
  }
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(realpathSync(entry)).href) {
  process.exitCode = await main(process.argv.slice(2));
}
