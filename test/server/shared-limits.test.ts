/**
 * Rate limits shared by several server instances (Redis, or PostgreSQL without Redis): a free organisation (10
 * requests per second) sending to two instances at once gets 10 per window in total, not 10 from each.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../server/clock.js';
import { rateLimitStages } from '../../server/ratelimit/app-stages.js';
import { createServerLimiters, type ServerLimiters } from '../../server/ratelimit/shared-limiters.js';
import type { PostgresStore } from '../../server/store/postgres/postgres-store.js';
import type { Store } from '../../server/store/types.js';
import { call, type Harness, startHarness } from '../support/harness.js';
import { TEST_REDIS_URL, testService } from '../support/services.js';

const onPostgres = process.env.PLEXMCP_HARNESS_STORE === 'postgres';
const redis = onPostgres ? testService(TEST_REDIS_URL) : { skipReason: 'needs PostgreSQL' };
const backends = [
  {
    name: 'PostgreSQL',
    skipReason: undefined,
    limitersFor: (store: Store) => ({ pool: (store as PostgresStore).pool }),
  },
  { name: 'Redis', skipReason: redis.skipReason, limitersFor: () => ({ redisUrl: redis.url }) },
];

describe.skipIf(!onPostgres)('rate limits shared across instances', () => {
  let h: Harness;
  const limiters: ServerLimiters[] = [];
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
    await Promise.all(limiters.splice(0).map((l) => l.close()));
  });

  describe.each(backends)('through $name', (backend) => {
    it.skipIf(backend.skipReason !== undefined)(
      'a free organisation sending to two instances at once gets 10 requests per window in total, not 20',
      async () => {
        const instance = () =>
          h.startInstance((store) => {
            const shared = createServerLimiters(backend.limitersFor(store));
            limiters.push(shared);
            expect(shared.kind).toBe(backend.name === 'Redis' ? 'redis' : 'postgres');
            return rateLimitStages({ limiters: shared, store, selfHosted: false, clock: systemClock });
          });
        const [a, b] = [await instance(), await instance()];
        let judged = 0;
        for (let attempt = 0; attempt < 5 && judged === 0; attempt++) {
          const { ownerKey } = await h.addOrganization('free');
          const responses = await Promise.all(
            Array.from({ length: 20 }, (_, i) =>
              call((i % 2 ? a : b).baseUrl, 'GET', '/v1/organization', { key: ownerKey }),
            ),
          );
          // Window logic: a shared window ends at one instant, so every answer from one window names the same reset
          // second; answers naming different ones straddled a window's end, and the attempt is not judged.
          const resets = new Set(responses.map((r) => r.headers.get('x-ratelimit-reset')));
          if (resets.size !== 1) continue;
          judged += 1;
          const statuses = responses.map((r) => r.status);
          expect(statuses.filter((s) => s === 200)).toHaveLength(10);
          expect(statuses.filter((s) => s === 429)).toHaveLength(10);
          // Both instances spent from the one budget: each answered some of the 429s.
          const limitedBy = new Set(responses.flatMap((r, i) => (r.status === 429 ? [i % 2] : [])));
          expect(limitedBy.size).toBeGreaterThan(0);
        }
        expect(judged).toBe(1);
      },
    );
    if (backend.skipReason !== undefined) it.skip(backend.skipReason, () => {});
  });
});

if (!onPostgres) {
  describe('rate limits shared across instances', () => {
    it.skip('run in the postgres test project (several instances need a database they can share)', () => {});
  });
}
