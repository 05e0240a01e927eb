/**
 * Idempotency-Key reservations in the store, on every store: of requests claiming one key at once (through one store,
 * or through two instances' stores on one PostgreSQL database), exactly one holds it; only its holder's token completes
 * or releases it; a stale record is taken over only while it is unchanged.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachStore, type OpenedStore } from '../../test/support/stores.js';
import { seedOrganization } from './test-store.js';
import { IDEMPOTENCY_PENDING, type IdempotencyRow, type Store } from './types.js';

const pending = (token: string, createdAt = '2026-05-01T10:00:00.000Z'): IdempotencyRow => ({
  orgId: 'org_a',
  key: 'k',
  requestHash: 'h',
  status: IDEMPOTENCY_PENDING,
  body: token,
  createdAt,
});

describeEachStore((kind) => {
  let opened: OpenedStore;
  let stores: Store[];
  beforeEach(async () => {
    opened = await kind.open();
    await seedOrganization(opened.store, 'org_a');
    // Two instances where the store can be shared; one store claimed from concurrently otherwise.
    stores = kind.name === 'postgres' ? [opened.store, await opened.openAnother()] : [opened.store, opened.store];
  });
  afterEach(() => opened.cleanup());

  it('of 20 claims at once over two instances, exactly one holds the key', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => stores[i % 2]!.claimIdempotency(pending(`pending ${i}`))),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results.indexOf(true);
    expect((await stores[1]!.getIdempotency('org_a', 'k'))?.body).toBe(`pending ${winner}`);
  });

  it("only the holder's token completes or releases the reservation", async () => {
    const [a, b] = stores as [Store, Store];
    expect(await a.claimIdempotency(pending('pending mine'))).toBe(true);
    const final = { ...pending('{"ok":true}'), status: 201 };
    expect(await b.completeIdempotency(final, 'pending other')).toBe(false);
    await b.releaseIdempotency('org_a', 'k', 'pending other');
    expect((await a.getIdempotency('org_a', 'k'))?.status).toBe(IDEMPOTENCY_PENDING);
    expect(await b.completeIdempotency(final, 'pending mine')).toBe(true);
    expect(await a.getIdempotency('org_a', 'k')).toEqual(final);
    // A final response is no longer a reservation: releasing it by the old token does nothing.
    await a.releaseIdempotency('org_a', 'k', 'pending mine');
    expect(await b.getIdempotency('org_a', 'k')).toEqual(final);
  });

  it('a released reservation can be claimed again', async () => {
    const [a, b] = stores as [Store, Store];
    expect(await a.claimIdempotency(pending('pending 1'))).toBe(true);
    await a.releaseIdempotency('org_a', 'k', 'pending 1');
    expect(await b.claimIdempotency(pending('pending 2'))).toBe(true);
  });

  it('a stale record is taken over by one of several instances, and not once it has changed', async () => {
    const stale = pending('pending dead', '2026-05-01T09:00:00.000Z');
    expect(await stores[0]!.claimIdempotency(stale)).toBe(true);
    const takeovers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => stores[i % 2]!.claimIdempotency(pending(`pending ${i}`), stale)),
    );
    expect(takeovers.filter(Boolean)).toHaveLength(1);
    // The record changed (taken over): a claim naming the old one fails, and a plain insert fails too.
    expect(await stores[1]!.claimIdempotency(pending('pending late'), stale)).toBe(false);
    expect(await stores[1]!.claimIdempotency(pending('pending late'))).toBe(false);
  });
});
