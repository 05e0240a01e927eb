import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyFilePath } from './crypto/key-file.js';
import { KeyFileError, resolveSecrets } from './secrets.js';
import { listJournalFiles } from './store/journal-scan.js';
import { openSqliteStore } from './store/sqlite-store.js';
import { openTempStore, seedOrganization, type TempStore } from './store/test-store.js';

const UNSET = { apiKeyHmacSecret: undefined, encryptionKey: undefined };

let t: TempStore;
beforeEach(async () => {
  t = await openTempStore();
});
afterEach(() => t.cleanup());

/** The database file and its journal files, as bytes. */
function databaseBytes(path: string): Buffer {
  return Buffer.concat([path, ...listJournalFiles(path).map((file) => file.path)].map((file) => readFileSync(file)));
}

async function reopen(): Promise<void> {
  await t.store.close();
  t.store = await openSqliteStore({ path: t.path });
}

describe('secrets', () => {
  it('generates both secrets once into the key file beside the database (0600), never into the database', async () => {
    const first = await resolveSecrets(t.store, UNSET);
    expect(first.generated).toEqual(['API_KEY_HMAC_SECRET', 'PLEXMCP_ENCRYPTION_KEY']);
    expect(first.encryptionKey).toHaveLength(32);
    expect(first.keyFile).toBe(keyFilePath(t.path));
    expect(first.warnings.join('\n')).toContain(keyFilePath(t.path));
    const file = JSON.parse(readFileSync(keyFilePath(t.path), 'utf8')) as Record<string, string>;
    expect(file.API_KEY_HMAC_SECRET).toBe(first.apiKeyHmacSecret);
    expect(file.PLEXMCP_ENCRYPTION_KEY).toBe(first.encryptionKey.toString('hex'));
    if (process.platform !== 'win32') expect(statSync(keyFilePath(t.path)).mode & 0o777).toBe(0o600);
    await reopen();
    const bytes = databaseBytes(t.path);
    expect(bytes.includes(first.apiKeyHmacSecret)).toBe(false);
    expect(bytes.includes(first.encryptionKey.toString('hex'))).toBe(false);
    const second = await resolveSecrets(t.store, UNSET);
    expect(second).toEqual({ ...first, generated: [], warnings: [] });
  });

  it('uses configured secrets without storing them anywhere, and warns when they change', async () => {
    const configured = { apiKeyHmacSecret: 'h'.repeat(40), encryptionKey: Buffer.alloc(32, 1) };
    const first = await resolveSecrets(t.store, configured);
    expect(first).toMatchObject({ apiKeyHmacSecret: 'h'.repeat(40), generated: [], warnings: [] });
    expect(existsSync(keyFilePath(t.path))).toBe(false);
    const changed = await resolveSecrets(t.store, {
      apiKeyHmacSecret: 'x'.repeat(40),
      encryptionKey: Buffer.alloc(32, 2),
    });
    expect(changed.warnings).toHaveLength(2);
    expect(changed.warnings[0]).toMatch(/^API_KEY_HMAC_SECRET differs/);
    expect(changed.warnings[1]).toMatch(/^PLEXMCP_ENCRYPTION_KEY differs/);
  });

  it('refuses to start on a database with data whose key file is missing, and generates nothing', async () => {
    await resolveSecrets(t.store, UNSET);
    await seedOrganization(t.store, 'org_1');
    rmSync(keyFilePath(t.path));
    await expect(resolveSecrets(t.store, UNSET)).rejects.toThrow(KeyFileError);
    await expect(resolveSecrets(t.store, UNSET)).rejects.toThrow(/has data, but API_KEY_HMAC_SECRET is neither set/);
    expect(existsSync(keyFilePath(t.path))).toBe(false);
  });

  it('refuses a key file that belongs to another database', async () => {
    await resolveSecrets(t.store, UNSET);
    const other = await openTempStore();
    try {
      await resolveSecrets(other.store, UNSET);
      writeFileSync(keyFilePath(t.path), readFileSync(keyFilePath(other.path)));
    } finally {
      await other.cleanup();
    }
    await expect(resolveSecrets(t.store, UNSET)).rejects.toThrow(/does not belong to the database/);
  });

  it('moves secrets an older version kept in the database to the key file, leaving no copy in the files', async () => {
    // What an older version wrote: the secrets themselves in meta, then data.
    const hmac = 'a1'.repeat(32);
    const encryption = 'b2'.repeat(32);
    await t.store.setMeta('secret.api_key_hmac_secret', hmac);
    await t.store.setMeta('secret.encryption_key', encryption);
    await seedOrganization(t.store, 'org_1');
    await t.store.checkpoint();
    await t.store.setMeta('unrelated', 'after the snapshot');
    expect(databaseBytes(t.path).includes(hmac)).toBe(true);

    const secrets = await resolveSecrets(t.store, UNSET);
    expect(secrets.apiKeyHmacSecret).toBe(hmac);
    expect(secrets.encryptionKey.toString('hex')).toBe(encryption);
    expect(secrets.generated).toEqual([]);
    expect(secrets.warnings.join('\n')).toMatch(
      /Moved API_KEY_HMAC_SECRET and PLEXMCP_ENCRYPTION_KEY out of the database/,
    );
    expect(JSON.parse(readFileSync(keyFilePath(t.path), 'utf8'))).toMatchObject({
      API_KEY_HMAC_SECRET: hmac,
      PLEXMCP_ENCRYPTION_KEY: encryption,
    });
    expect(await t.store.getMeta('secret.api_key_hmac_secret')).toBeUndefined();
    expect(await t.store.getMeta('secret.encryption_key')).toBeUndefined();
    const whileOpen = databaseBytes(t.path);
    await reopen();
    for (const bytes of [whileOpen, databaseBytes(t.path)]) {
      expect(bytes.includes(hmac)).toBe(false);
      expect(bytes.includes(encryption)).toBe(false);
    }
    expect(await t.store.getMeta('unrelated')).toBe('after the snapshot');
    expect((await resolveSecrets(t.store, UNSET)).encryptionKey.toString('hex')).toBe(encryption);
  });
});
