/**
 * Storage, through the public store API only (so it keeps working while the persistence layer changes): durable
 * `recordUsage` writes at a small and a large usage table, in one run. At each size: one writer at a time (every write
 * waits for its own sync), after a checkpoint so that the one the bulk seeding triggered is not what gets measured.
 * Then, at the large size, 32 concurrent writers with group commit (the default) against the same writers on the same
 * database reopened with `groupCommit: false` (one fdatasync per write).
 * Target: the large table's one-at-a-time p50 within 1.5x of the small table's.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { closedLoop, type LoadResult } from '../load.js';
import { fmt, type Row, type Scenario } from '../model.js';
import { seedUsage } from '../seed.js';
import { newId, openSqliteStore, type SqliteStore, type UsageRow } from '../../server/store/index.js';

export const TARGET_STORAGE_P50_RATIO = 1.5;

interface SizeResult {
  rows: number;
  sequential: LoadResult;
}

interface Concurrency {
  rows: number;
  groupCommit: LoadResult;
  perWrite: LoadResult;
}

function usageRow(orgId: string, mcpId: string): UsageRow {
  return { id: newId('use'), orgId, apiKeyId: null, mcpId, mcpName: 'bench', tool: 'calculate', status: 'success', errorCode: null, latencyMs: 12, createdAt: new Date().toISOString() };
}

type Sizes = { storageWrites: number; storageWriters: number; durationS: number };

/** `storageWrites` writes one after another, bounded by time too so a slow store cannot stretch the run. */
function sequential(write: () => Promise<void>, config: Sizes): Promise<LoadResult> {
  return closedLoop(write, { durationS: Math.max(2, config.durationS * 2), concurrency: 1, maxOperations: config.storageWrites });
}

function writers(write: () => Promise<void>, config: Sizes): Promise<LoadResult> {
  return closedLoop(write, { durationS: config.durationS, concurrency: config.storageWriters });
}

/** Folds the journal into the snapshot, when the store has one, so measurements start from a quiet disk. */
async function settle(store: SqliteStore): Promise<void> {
  if (typeof store.checkpoint === 'function') await store.checkpoint();
}

export const storageScenario: Scenario = async ({ config, dir, log }) => {
  const path = join(dir, 'storage.db');
  let store = await openSqliteStore({ path });
  try {
    const orgId = newId('org');
    await store.createOrganization({ id: orgId, name: 'Storage bench', slug: 'storage-bench', description: null, plan: 'team', settings: {} });
    const mcpIds = Array.from({ length: 20 }, () => newId('mcp'));
    const write = () => store.recordUsage(usageRow(orgId, mcpIds[0] ?? 'mcp_x'));
    const sizes: SizeResult[] = [];
    const seeding: { rows: number; seconds: number; rowsPerSecond: number }[] = [];
    let present = 0;
    for (const target of [config.storageSmallRows, config.storageLargeRows]) {
      const add = Math.max(0, target - present);
      const t0 = performance.now();
      await seedUsage(store, { orgId, apiKeyId: null, mcpIds }, add);
      const seconds = (performance.now() - t0) / 1000;
      seeding.push({ rows: add, seconds, rowsPerSecond: add / seconds });
      await settle(store);
      present = await store.countUsage(orgId, {});
      log(`  seeded ${add} usage rows in ${seconds.toFixed(1)} s (${present} now)`);
      const size = { rows: present, sequential: await sequential(write, config) };
      log(`  at ${size.rows} rows, one writer: ${size.sequential.perSecond.toFixed(0)}/s p50 ${size.sequential.p50Ms.toFixed(2)} ms p99 ${size.sequential.p99Ms.toFixed(2)} ms`);
      sizes.push(size);
      present = await store.countUsage(orgId, {});
    }
    await settle(store);
    const groupCommit = await writers(write, config);
    await store.close();
    // The same database, one fdatasync per write (a store without the option ignores it and groups anyway).
    store = await openSqliteStore({ path, groupCommit: false });
    await settle(store);
    const perWrite = await writers(write, config);
    const compared: Concurrency = { rows: present, groupCommit, perWrite };
    log(`  at ${compared.rows} rows, ${config.storageWriters} writers: group commit ${groupCommit.perSecond.toFixed(0)}/s, one sync per write ${perWrite.perSecond.toFixed(0)}/s`);
    const [small, large] = sizes;
    if (!small || !large) throw new Error('missing sizes');
    const ratio = large.sequential.p50Ms / small.sequential.p50Ms;
    const rows: Row[] = sizes.map((size) => ({
      measure: `durable writes, 1 writer, ${size.rows.toLocaleString('en-US')} rows: writes/s, p50 / p99`,
      subject: `${fmt.rate(size.sequential.perSecond)}, ${fmt.ms(size.sequential.p50Ms)} / ${fmt.ms(size.sequential.p99Ms)}`,
      baseline: '',
      result: '',
      target: '',
      met: null,
    }));
    rows.push(
      {
        measure: `write p50 at ${large.rows.toLocaleString('en-US')} vs ${small.rows.toLocaleString('en-US')} rows`,
        subject: fmt.ms(large.sequential.p50Ms),
        baseline: fmt.ms(small.sequential.p50Ms),
        result: fmt.ratio(ratio),
        target: `<= ${TARGET_STORAGE_P50_RATIO}x`,
        met: ratio <= TARGET_STORAGE_P50_RATIO,
      },
      {
        measure: `${config.storageWriters} writers at ${compared.rows.toLocaleString('en-US')} rows: group commit vs one sync per write`,
        subject: `${fmt.rate(compared.groupCommit.perSecond)}, p50 ${fmt.ms(compared.groupCommit.p50Ms)} / p99 ${fmt.ms(compared.groupCommit.p99Ms)}`,
        baseline: `${fmt.rate(compared.perWrite.perSecond)}, p50 ${fmt.ms(compared.perWrite.p50Ms)} / p99 ${fmt.ms(compared.perWrite.p99Ms)}`,
        result: fmt.ratio(compared.groupCommit.perSecond / compared.perWrite.perSecond),
        target: '',
        met: null,
      },
    );
    const bulk = seeding[seeding.length - 1];
    return {
      id: 'storage',
      title: 'Storage: durable writes as the usage table grows',
      figures: { p50Ratio: ratio, sizes, concurrency: compared, seeding },
      rows,
      notes: [
        `seeded through the public Store (recordUsage in batches of 10,000 issued without awaiting, so they share syncs): ${bulk ? `${bulk.rows.toLocaleString('en-US')} rows in ${bulk.seconds.toFixed(1)} s (${fmt.rate(bulk.rowsPerSecond)})` : 'n/a'}`,
        `one sync per write: the same database reopened with the store's groupCommit: false; each size is measured after a checkpoint, so the checkpoint the bulk seeding triggers (a full snapshot write) is not in the figures`,
      ],
    };
  } finally {
    await store.close();
  }
};
