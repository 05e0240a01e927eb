/**
 * The conformance suite as vitest tests, one per check, against the deployment PLEXMCP_BASE_URL names (see
 * config-env.ts for every variable). Without PLEXMCP_BASE_URL the suite is skipped, saying so.
 *
 *   PLEXMCP_BASE_URL=http://127.0.0.1:8080 PLEXMCP_API_KEY=pmcp_... npx vitest run conformance/suite.test.ts
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { checks } from './checks/index.js';
import { formatCitation } from './citation.js';
import { configFromEnv } from './config-env.js';
import type { CheckResult } from './model.js';
import { findingLines } from './reporters/evidence.js';
import { openRunSession, type RunSession } from './runner.js';

const config = configFromEnv(process.env);

function explain(result: CheckResult): string {
  return [
    `${result.id} ${result.title}`,
    `requirement: ${formatCitation(result.requirement)}`,
    ...result.findings.flatMap(findingLines),
  ].join('\n');
}

if (!config) {
  describe('conformance suite', () => {
    it.skip('PLEXMCP_BASE_URL is not set: set it and PLEXMCP_API_KEY to check a deployment (npm run conformance -- --help)', () => {});
  });
} else {
  describe(`conformance suite against ${config.baseUrl}`, () => {
    let session: RunSession;
    beforeAll(async () => {
      session = await openRunSession(config);
      // Printed on every run, so a failure of the generated-input checks can be replayed (PLEXMCP_SEED).
      console.info(
        `generated inputs: PLEXMCP_SEED=${session.config.seed} PLEXMCP_MAX_EXAMPLES=${session.config.maxExamples}`,
      );
    });
    afterAll(async () => {
      const report = await session?.close();
      if (report?.cleanupErrors.length) console.warn(`cleanup could not remove:\n${report.cleanupErrors.join('\n')}`);
    });

    const only = config.only?.length ? new Set(config.only) : undefined;
    for (const check of checks.filter((c) => !only || only.has(c.id))) {
      it(`${check.id} ${check.title}`, { timeout: 180_000 }, async (t) => {
        const result = await session.runCheck(check);
        if (result.outcome === 'skip') t.skip(result.reason ?? 'skipped');
        if (result.outcome === 'warn') console.warn(explain(result));
        if (result.outcome === 'fail') throw new Error(explain(result));
      });
    }
  });
}
