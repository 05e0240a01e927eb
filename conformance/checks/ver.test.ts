/**
 * VER-001 and VER-002 against the real app (createApp on a real port): they pass on a clean deployment and on one
 * that deprecates an operation properly, and fail, naming what is wrong, through the faults of
 * conformance/proof/faults.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { contractDeprecating } from '../../test/support/deprecated-contract.js';
import { type Harness, startHarness } from '../../test/support/harness.js';
import type { RunReport } from '../model.js';
import { startFaultProxy } from '../proof/fault-proxy.js';
import { faultCases } from '../proof/faults.js';
import { runConformance } from '../runner.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const ONLY = ['VER-001', 'VER-002'];
const outcomes = (report: RunReport) =>
  Object.fromEntries(
    report.results.map((r) => [r.id, `${r.outcome}${r.findings.map((f) => ` ${f.message}`).join('')}`]),
  );

async function throughFault(h: Harness, name: string): Promise<RunReport> {
  const fault = faultCases(h.ownerKey).find((c) => c.name === name)?.fault;
  if (!fault) throw new Error(`no fault ${name}`);
  const proxy = await startFaultProxy({ upstream: h.baseUrl, fault });
  try {
    return await runConformance({ baseUrl: proxy.baseUrl, apiKey: h.ownerKey, only: ONLY });
  } finally {
    await proxy.close();
  }
}

describe('the versioning checks', () => {
  it('pass on a deployment that deprecates nothing: VER-002 holds every response to announcing no deprecation', {
    timeout: 120_000,
  }, async () => {
    harness = await startHarness();
    const report = await runConformance({ baseUrl: harness.baseUrl, apiKey: harness.ownerKey, only: ONLY });
    expect(outcomes(report)).toEqual({ 'VER-001': 'pass', 'VER-002': 'pass' });
    // What it verified is the responses of the run, none of them announcing a deprecation: not a vacuous pass.
    const verified = report.results.find((r) => r.id === 'VER-002')?.verified;
    expect(verified?.what.join()).toMatch(/responses announcing no undeclared deprecation/);
    expect(verified?.count).toBeGreaterThan(0);
  });

  it('pass on a deployment that deprecates an operation and announces it', { timeout: 120_000 }, async () => {
    harness = await startHarness({ overrides: { contract: contractDeprecating('/v1/organization') } });
    const report = await runConformance({ baseUrl: harness.baseUrl, apiKey: harness.ownerKey, only: ONLY });
    expect(outcomes(report)).toEqual({ 'VER-001': 'pass', 'VER-002': 'pass' });
  });

  it('VER-001 names the field a deployment dropped from its contract', { timeout: 120_000 }, async () => {
    harness = await startHarness();
    const report = await throughFault(harness, 'serves a contract without a v1 response field');
    const result = report.results.find((r) => r.id === 'VER-001');
    expect(result?.outcome).toBe('fail');
    expect(result?.findings.map((f) => f.message).join('\n')).toMatch(
      /\/openapi\.json breaks the contract: .*`GET \/v1\/organization`.*property `plan`/,
    );
  });

  it('VER-002 names the deprecated operation that does not announce itself', { timeout: 120_000 }, async () => {
    harness = await startHarness();
    const report = await throughFault(harness, 'documents a deprecation it does not announce');
    const result = report.results.find((r) => r.id === 'VER-002');
    expect(result?.outcome).toBe('fail');
    expect(result?.findings[0]?.message).toMatch(
      /^GET \/v1\/organization \(deprecated, sunset .*\): the response lacks Deprecation: @\d+, Sunset: .*, Link: <\/docs#section\/Migration-guides>; rel="deprecation"$/,
    );
  });
});
