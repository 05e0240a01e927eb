/**
 * The guard over this repository's own contract: openapi.yaml keeps every promise of the released contract of its
 * major version (contract/released/), as `npm run contract:diff` checks. Runs with `npm test`.
 */
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { checkContract } from './release.js';

it('openapi.yaml is backward compatible with the released contract', { timeout: 120_000 }, async () => {
  const result = await checkContract(fileURLToPath(new URL('../../', import.meta.url)));
  expect(result.ok, result.report).toBe(true);
});
