/**
 * Storage, through the public store API only (so it keeps working while the persistence layer changes): durable
 * `recordUsage` writes at a small and a large usage table, in one run. Two databases are seeded (1,000 and 100,000
 * rows by default) and checkpointed, so the checkpoint the bulk seeding triggers is not what gets measured; then
 * rounds of one-writer-at-a-time writes alternate between them, so a noisy neighbour hits both alike. Then, on the
 * large one, 32 concurrent writers with group commit (the default) against the same writers on the same database
 * reopened with `groupCommit: false` (one fdatasync per write).
 * Target: the large table's one-at-a-time p50 within 1.5x of the small table's.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { newId, openSqliteStore, type SqliteStore, type UsageRow } from '../../server/store/index.js';
import { alternate, closedLoop, type LoadResult } from '../load.js';
import { fmt, type Row, type Scenario } from '../model.js';
import { seedUsage } from '../seed.js';

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
  return {
    id: newId('use'),
    orgId,
    apiKeyId: null,
    mcpId,
    mcpName: 'bench',
    tool: 'calculate',
    status: 'success',
    errorCode: null,
    latencyMs: 12,
    createdAt: new Date().toISOString(),
  };
}

type Sizes = { storageWrites: number; storageWriters: number; durationS: number };

/** `storageWrites` writes one after another, bounded by time too so a slow store cannot stretch the run. */
function sequential(write: () => Promise<void>, config: Sizes): Promise<LoadResult> {
  return closedLoop(write, {
    durationS: Math.max(2, config.durationS * 2),
    concurrency: 1,
    maxOperations: config.storageWrites,
  });
}

function writers(write: () => Promise<void>, config: Sizes): Promise<LoadResult> {
  return closedLoop(write, { durationS: config.durationS, concurrency: config.storageWriters });
}

/** Folds the journal into the snapshot, when the store has one, so measurements start from a quiet disk. */
async function settle(store: SqliteStore): Promise<void> {
  if (typeof store.checkpoint === 'function') await store.checkpoint();
}

interface Seeded {
  path: string;
  store: SqliteStore;
  orgId: string;
  mcpId: string;
  rows: number;
  seeding: { seconds: number; rowsPerSecond: number };
}

async function seeded(path: string, rows: number): Promise<Seeded> {
  const store = await openSqliteStore({ path });
  const orgId = newId('org');
  await store.createOrganization({
    id: orgId,
    name: 'Storage bench',
    slug: 'storage-bench',
    description: null,
    plan: 'team',
    settings: {},
  });
  const mcpIds = Array.from({ length: 20 }, () => newId('mcp'));
  const t0 = performance.now();
  await seedUsage(store, { orgId, apiKeyId: null, mcpIds }, rows);
  const seconds = (performance.now() - t0) / 1000;
  await settle(store);
  return {
    path,
    store,
    orgId,
    mcpId: mcpIds[0] ?? 'mcp_x',
    rows: await store.countUsage(orgId, {}),
    seeding: { seconds, rowsPerSecond: rows / seconds },
  };
}

export const storageScenario: Scenario = async ({ config, dir, log }) => {
  const open: SqliteStore[] = [];
  try {
    const small = await seeded(join(dir, 'small.db'), config.storageSmallRows);
    open.push(small.store);
    const large = await seeded(join(dir, 'large.db'), config.storageLargeRows);
    open.push(large.store);
    log(
      `  seeded ${small.rows} rows in ${small.seeding.seconds.toFixed(1)} s and ${large.rows} rows in ${large.seeding.seconds.toFixed(1)} s`,
    );
    const writeTo = (db: Seeded) => () => db.store.recordUsage(usageRow(db.orgId, db.mcpId));
    const alternated = await alternate(
      [
        { name: 'small', run: () => sequential(writeTo(small), config) },
        { name: 'large', run: () => sequential(writeTo(large), config) },
      ],
      { rounds: config.rounds, durationS: config.durationS, warmupS: 0 },
      log,
    );
    const smallResult = alternated.small?.median;
    const largeResult = alternated.large?.median;
    if (!smallResult || !largeResult) throw new Error('missing sizes');
    const sizes: SizeResult[] = [
      { rows: small.rows, sequential: smallResult },
      { rows: large.rows, sequential: largeResult },
    ];
    const ratio = largeResult.p50Ms / smallResult.p50Ms;

    await settle(large.store);
    const groupCommit = await writers(writeTo(large), config);
    const rowsNow = await large.store.countUsage(large.orgId, {});
    await large.store.close();
    open.splice(open.indexOf(large.store), 1);
    // The same database, one fdatasync per write (a store without the option ignores it and groups anyway).
    const reopened: Seeded = { ...large, store: await openSqliteStore({ path: large.path, groupCommit: false }) };
    open.push(reopened.store);
    await settle(reopened.store);
    const perWrite = await writers(writeTo(reopened), config);
    const compared: Concurrency = { rows: rowsNow, groupCommit, perWrite };
    log(
      `  at ${compared.rows} rows, ${config.storageWriters} writers: group commit ${groupCommit.perSecond.toFixed(0)}/s, one sync per write ${perWrite.perSecond.toFixed(0)}/s`,
    );
    const seeding = [small, large].map((db) => ({ rows: db.rows, ...db.seeding }));
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
        subject: fmt.ms(largeResult.p50Ms),
        baseline: fmt.ms(smallResult.p50Ms),
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
      figures: { p50Ratio: ratio, sizes, rounds: alternated, concurrency: compared, seeding },
      rows,
      notes: [
        `seeded through the public Store (recordUsage in batches of 10,000 issued without awaiting, so they share syncs): ${bulk ? `${bulk.rows.toLocaleString('en-US')} rows in ${bulk.seconds.toFixed(1)} s (${fmt.rate(bulk.rowsPerSecond)})` : 'n/a'}`,
        `one-writer figures are medians of ${config.rounds} alternating rounds of ${config.storageWrites} writes per size; one sync per write: the same database reopened with the store's groupCommit: false`,
      ],
    };
  } finally {
    for (const store of open) await store.close();
  }
};
