import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseLockedError, lockPathFor } from './db-lock.js';
import { openSqliteStore } from './sqlite-store.js';
import { copyDatabaseFiles, openTempStore, seedOrganization, type TempStore } from './test-store.js';

const storeModule = fileURLToPath(new URL('./sqlite-store.ts', import.meta.url));

/** Runs a real second Node process that opens the database; `hold` keeps it open until killed. */
function openInChild(path: string, hold: boolean) {
  const code = `
    const { openSqliteStore } = await import(${JSON.stringify(storeModule)});
    try {
      const store = await openSqliteStore({ path: ${JSON.stringify(path)} });
      console.log('opened');
      if (!${hold}) await store.close();
      else setInterval(() => {}, 1000);
    } catch (error) {
      console.error(error.message);
      process.exitCode = 3;
    }`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const opened = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => stdout.includes('opened') && resolve());
    void exited.then(() => reject(new Error(`child exited: ${stderr}`)));
  });
  opened.catch(() => {}); // Only some tests wait for it.
  children.push(child);
  return { child, exited, opened, output: () => ({ stdout, stderr }) };
}

const children: ReturnType<typeof spawn>[] = [];
let t: TempStore;
beforeEach(async () => {
  t = await openTempStore();
});
afterEach(async () => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await t.cleanup();
});

describe('persistence', () => {
  it('keeps every record across a restart', async () => {
    await seedOrganization(t.store, 'org_a');
    await t.store.createMember({ id: 'user_1', orgId: 'org_a', email: 'a@x.io', name: 'A', role: 'owner' });
    await t.store.setMeta('secret', 's3');
    await t.store.close();
    const reopened = await openSqliteStore({ path: t.path });
    t.store = reopened;
    expect((await reopened.getOrganization('org_a'))?.name).toBe('Org org_a');
    expect((await reopened.getMember('org_a', 'user_1'))?.email).toBe('a@x.io');
    expect(await reopened.getMeta('secret')).toBe('s3');
  });

  it('makes each write durable before it resolves, with no lock, temp or journal file left after close', async () => {
    const writes = Array.from({ length: 20 }, (_, i) => t.store.setMeta(`k${i}`, String(i)));
    await Promise.all(writes);
    // Copy the files as they are on disk now, without closing: a crash here must lose nothing.
    const copy = join(t.dir, 'copy.db');
    copyDatabaseFiles(t.path, copy);
    expect(readdirSync(t.dir).some((name) => name.startsWith('copy.db.journal-'))).toBe(true);
    const fromDisk = await openSqliteStore({ path: copy });
    expect(await fromDisk.getMeta('k19')).toBe('19');
    await fromDisk.close();
    await t.store.close();
    expect(readdirSync(t.dir).sort()).toEqual(['copy.db', 'plexmcp.db']);
  });

  it('refuses a second process on the same database, naming the path and the holder pid', async () => {
    const second = openInChild(t.path, false);
    expect(await second.exited).toBe(3);
    expect(second.output().stderr).toContain(t.path);
    expect(second.output().stderr).toContain(`pid ${process.pid}`);
  });

  it('refuses a second store in the same process', async () => {
    await expect(openSqliteStore({ path: t.path })).rejects.toBeInstanceOf(DatabaseLockedError);
  });

  it('takes over the lock of a process that died without releasing it', async () => {
    await seedOrganization(t.store, 'org_a');
    await t.store.close();
    const holder = openInChild(t.path, true);
    await holder.opened;
    await expect(openSqliteStore({ path: t.path })).rejects.toThrow(`pid ${holder.child.pid}`);
    holder.child.kill('SIGKILL');
    await holder.exited;
    expect(existsSync(lockPathFor(t.path))).toBe(true);
    t.store = await openSqliteStore({ path: t.path });
    expect((await t.store.getOrganization('org_a'))?.id).toBe('org_a');
  });

  it('recovers a stale lock file whose pid is not alive', async () => {
    await t.store.close();
    writeFileSync(
      lockPathFor(t.path),
      JSON.stringify({ pid: 2 ** 22 + 17, startedAt: '2020-01-01T00:00:00.000Z', token: 'x' }),
    );
    t.store = await openSqliteStore({ path: t.path });
    expect(JSON.parse(readFileSync(lockPathFor(t.path), 'utf8')).pid).toBe(process.pid);
  });

  it('refuses a lock another process has just created but not yet written, and takes over an old unreadable one', async () => {
    await t.store.close();
    writeFileSync(lockPathFor(t.path), '');
    await expect(openSqliteStore({ path: t.path })).rejects.toThrow('pid unknown');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockPathFor(t.path), old, old);
    t.store = await openSqliteStore({ path: t.path });
  });

  it('an interrupted write leaves the previous file intact and its temp file is ignored', async () => {
    await seedOrganization(t.store, 'org_a');
    await t.store.close();
    // What a crash between writing the temp file and renaming it leaves behind: a torn image beside the database.
    const torn = join(t.dir, '.plexmcp.db.tmp-999-abcdef');
    writeFileSync(torn, readFileSync(t.path).subarray(0, 100));
    t.store = await openSqliteStore({ path: t.path });
    expect((await t.store.getOrganization('org_a'))?.id).toBe('org_a');
    expect(existsSync(torn)).toBe(false);
  });
});
