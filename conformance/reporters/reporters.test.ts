import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { cite, pointer, section } from '../citation.js';
import type { RunReport } from '../model.js';
import { reportToJson } from './json.js';
import { reportToJunit } from './junit.js';
import { prettyReporter } from './pretty.js';

const exchange = {
  seq: 1,
  tag: 'AUTH-001',
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 3,
  request: {
    method: 'GET',
    url: 'http://127.0.0.1:1/v1/mcps',
    headers: { authorization: 'ApiKey [REDACTED]' },
    bodySize: 0,
  },
  response: {
    status: 200,
    statusText: 'OK',
    headers: { 'content-type': 'application/json' },
    body: '{"success":true,"data":[]}',
    bodySize: 26,
  },
};

const report: RunReport = {
  baseUrl: 'http://127.0.0.1:1',
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:01.000Z',
  durationMs: 1000,
  runPrefix: 'conf-test-',
  strict: false,
  maxResponseTimeMs: null,
  seed: 1234,
  maxExamples: 8,
  counts: { pass: 1, fail: 1, warn: 1, skip: 1 },
  cleanupErrors: [],
  exchanges: [exchange],
  results: [
    {
      id: 'ENV-001',
      title: 'Envelopes',
      requirement: cite('the envelope', section('Envelope')),
      outcome: 'pass',
      findings: [],
      notes: [],
      verified: { count: 1, what: ['1 expectations'] },
      durationMs: 5,
      exchangeCount: 1,
    },
    {
      id: 'AUTH-001',
      title: 'No key <is> "401" & friends',
      requirement: cite('a request without a key is 401 unauthorized', section('Authentication')),
      outcome: 'fail',
      findings: [
        {
          severity: 'fail',
          message: 'expected 401, received 200 <&>',
          documented: cite(
            '401 unauthorized',
            section('Authentication'),
            pointer('#/components/responses/Unauthorized'),
          ),
          exchange,
        },
      ],
      notes: [],
      verified: { count: 1, what: ['1 expectations'] },
      durationMs: 7,
      exchangeCount: 1,
    },
    {
      id: 'RATE-002',
      title: 'Remaining',
      requirement: cite('the envelope', section('Envelope')),
      outcome: 'warn',
      findings: [{ severity: 'warn', message: 'inconclusive \u0001' }],
      notes: [],
      verified: { count: 1, what: ['1 expectations'] },
      durationMs: 2,
      exchangeCount: 0,
    },
    {
      id: 'AUTH-006',
      title: 'Revoked',
      requirement: cite('the envelope', section('Envelope')),
      outcome: 'skip',
      reason: 'needs --allow-writes',
      findings: [],
      notes: [],
      verified: { count: 1, what: ['1 expectations'] },
      durationMs: 0,
      exchangeCount: 0,
    },
  ],
};

describe('reporters', () => {
  it('json: one parseable document with every result and its evidence', () => {
    const parsed = JSON.parse(reportToJson(report)) as {
      results: { id: string; findings: { exchange?: { request: { method: string } } }[] }[];
      requestCount: number;
      exchanges?: unknown;
    };
    expect(parsed.results.map((r) => r.id)).toEqual(['ENV-001', 'AUTH-001', 'RATE-002', 'AUTH-006']);
    expect(parsed.results[1]?.findings[0]?.exchange?.request.method).toBe('GET');
    expect(parsed.requestCount).toBe(1);
    expect(parsed.exchanges).toBeUndefined();
  });

  it('junit: well-formed XML with one testcase per check, failures and skips marked', () => {
    const xml = reportToJunit(report);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as {
      testsuites: {
        tests: string;
        failures: string;
        skipped: string;
        testsuite: { testcase: { name: string; failure?: { message: string }; skipped?: { message: string } }[] };
      };
    };
    expect(doc.testsuites.tests).toBe('4');
    expect(doc.testsuites.failures).toBe('1');
    expect(xml).toContain('<property name="seed" value="1234"/>');
    const cases = doc.testsuites.testsuite.testcase;
    expect(cases).toHaveLength(4);
    expect(cases[1]?.name).toBe('AUTH-001 No key <is> "401" & friends');
    expect(cases[1]?.failure?.message).toBe('expected 401, received 200 <&>');
    expect(cases[3]?.skipped?.message).toBe('needs --allow-writes');
  });

  it('junit --strict: a warned or skipped check is a failure, so CI cannot read it as green', () => {
    const xml = reportToJunit({ ...report, strict: true });
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as {
      testsuites: { failures: string; skipped: string; testsuite: { testcase: { failure?: { message: string } }[] } };
    };
    expect(doc.testsuites.failures).toBe('3');
    expect(doc.testsuites.skipped).toBe('0');
    expect(doc.testsuites.testsuite.testcase[3]?.failure?.message).toBe('--strict: skip: needs --allow-writes');
  });

  it('pretty: one line per check as it finishes, evidence under a failure', () => {
    let out = '';
    const reporter = prettyReporter({ write: (s) => (out += s) });
    reporter.onStart?.({ baseUrl: report.baseUrl, total: 4, runPrefix: 'conf-test-', seed: 1234, maxExamples: 8 });
    expect(out).toContain('--seed 1234 --max-examples 8');
    reporter.onCheckEnd?.(report.results[0]!);
    expect(out.trim().split('\n').at(-1)).toMatch(/^\[1\/4\] PASS ENV-001/);
    reporter.onCheckEnd?.(report.results[1]!);
    expect(out).toContain('[2/4] FAIL AUTH-001');
    expect(out).toContain('request:    GET http://127.0.0.1:1/v1/mcps');
    expect(out).toContain('received:   200');
    expect(out).toContain(
      'documented: 401 unauthorized (openapi.yaml "Authentication"; openapi.yaml#/components/responses/Unauthorized)',
    );
    reporter.onCheckEnd?.(report.results[3]!);
    expect(out).toContain('SKIP AUTH-006');
    expect(out).toContain('needs --allow-writes');
  });
});
