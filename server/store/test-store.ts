/** Opens a store on a fresh file in a temporary directory, for tests. */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { listJournalFiles } from './journal-scan.js';
import { openSqliteStore, type SqliteStore } from './sqlite-store.js';
import type { OrganizationRow, Store, UsageRow } from './types.js';

export interface TempStore {
  store: SqliteStore;
  dir: string;
  path: string;
  cleanup(): Promise<void>;
}

export async function openTempStore(): Promise<TempStore> {
  const dir = mkdtempSync(join(tmpdir(), 'plexmcp-store-'));
  const path = join(dir, 'plexmcp.db');
  const store = await openSqliteStore({ path });
  return {
    store,
    dir,
    path,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function seedOrganization(store: Store, id: string): Promise<OrganizationRow> {
  return store.createOrganization({ id, name: `Org ${id}`, slug: id, description: null, plan: 'free', settings: {} });
}

let usageRowCount = 0;

/** A usage row for tests: a unique id and a successful call unless `fields` say otherwise. */
export function usageRow(fields: Pick<UsageRow, 'orgId' | 'mcpId' | 'createdAt'> & Partial<UsageRow>): UsageRow {
  usageRowCount += 1;
  return {
    id: `use_t${usageRowCount}`,
    apiKeyId: null,
    mcpName: 'name',
    tool: 'echo',
    status: 'success',
    errorCode: null,
    latencyMs: 10,
    ...fields,
  };
}

/** Copies a database's snapshot and journal files, as they are on disk now, to `to`: what a crash at this moment
 * would leave for the next start. */
export function copyDatabaseFiles(from: string, to: string): void {
  if (existsSync(from)) copyFileSync(from, to);
  for (const file of listJournalFiles(from)) {
    copyFileSync(file.path, join(to, '..', basename(file.path).replace(basename(from), basename(to))));
  }
}
