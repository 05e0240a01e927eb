import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCli } from '../cli-args.js';
import { configFromEnv } from '../config-env.js';
import { Oracle } from '../oracle/oracle.js';
import { listOperations, type OperationInfo } from '../probes/operations.js';
import { curlLine } from './curl.js';
import { derivedSeed } from './exercise.js';
import { type Example, type InputSources, operationInputs } from './operation-inputs.js';

let oracle: Oracle;
let sources: InputSources;
const op = (id: string): OperationInfo => {
  const found = listOperations(oracle.contract).find((o) => o.operationId === id);
  if (!found) throw new Error(`no operation ${id}`);
  return found;
};
const sample = (arb: fc.Arbitrary<Example> | undefined, seed: number, numRuns = 300): Example[] =>
  arb ? fc.sample(arb, { seed, numRuns }) : [];

beforeAll(async () => {
  oracle = await Oracle.load();
  sources = {
    oracle,
    known: { runPrefix: 'conf-test0001-', mcpIds: ['mcp_known'], tools: ['get_weather'] },
    pathIds: { mcp_id: ['mcp_known'] },
  };
});

describe('generated inputs', () => {
  it('every operation of the contract yields valid and invalid examples (no bound or pattern a draw cannot meet)', () => {
    // Several seeds: a draw that cannot be met (a filter nothing passes) hangs only when the seed picks it.
    for (const info of listOperations(oracle.contract)) {
      const { positive, negative } = operationInputs(info, sources);
      for (const arb of [positive, negative])
        for (let seed = 1; seed <= 12; seed++)
          if (arb) expect(sample(arb, seed, 10), `${info.operationId} seed ${seed}`).toHaveLength(10);
    }
    // A pattern longer than the 64 characters drawn when no maxLength is declared (DefinitionDigest is 71).
    const approve = sample(operationInputs(op('approveToolDefinition'), sources).positive, 3, 10);
    for (const example of approve)
      expect((example.request.body as { digest?: string }).digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('the same seed generates the same requests, another seed others', () => {
    const { negative } = operationInputs(op('createMcp'), sources);
    const seed = derivedSeed(42, 'negative createMcp');
    expect(sample(negative, seed, 20)).toEqual(sample(negative, seed, 20));
    expect(sample(negative, seed, 20)).not.toEqual(sample(negative, derivedSeed(43, 'negative createMcp'), 20));
  });

  it('valid names reach both bounds in code points, keep the run prefix and may be any Unicode', () => {
    const names = sample(operationInputs(op('createMcp'), sources).positive, 7).map(
      (e) => (e.request.body as { name: string }).name,
    );
    expect(names.every((n) => n.startsWith('conf-test0001-'))).toBe(true);
    expect(names.some((n) => [...n].length === 100)).toBe(true);
    expect(names.some((n) => [...n].length === 'conf-test0001-'.length + 1)).toBe(true);
    expect(names.some((n) => /[^\x20-\x7e]/u.test(n))).toBe(true);
  });

  it('invalid requests cover the classes the contract states, one rule broken each', () => {
    const rules = (id: string) =>
      new Set(sample(operationInputs(op(id), sources).negative, 11, 2000).map((e) => e.rule));
    expect([...rules('createMcp')]).toEqual(
      expect.arrayContaining([
        'name: maxLength 100',
        'name: required',
        'body: additionalProperties false',
        'auth_type: enum',
        'endpoint_url: format uri',
        'body: nesting depth 64',
        "auth_header: pattern ^[A-Za-z0-9!#$%&'*+.^_`|~-]+$",
      ]),
    );
    expect([...rules('invokeTool')]).toEqual(
      expect.arrayContaining(['arguments: x-max-depth 32', 'context: maxProperties 50', 'timeout: maximum 600000']),
    );
    expect([...rules('listMcps')]).toEqual(
      expect.arrayContaining(['query page: maximum 1000000000', 'query per_page: minimum 1', 'query status: enum']),
    );
    expect([...rules('getUsage')]).toEqual(expect.arrayContaining(['query start_date after end_date']));
  });

  it('a body invalid by the schema is invalid by the oracle; one past a limit on JSON values is past it', () => {
    const invoke = op('invokeTool');
    for (const e of sample(operationInputs(invoke, sources).negative, 5, 500)) {
      const limit = /(?:x-max-depth|nesting depth) (\d+)/.exec(e.rule ?? '');
      if (limit) {
        const depth = (v: unknown): number =>
          v && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v as object).map(depth)) : 0;
        // The field's own limit counts the field as level 1; the whole body's counts the body.
        const field = e.rule?.includes('x-max-depth') ? 1 : 0;
        expect(depth(e.request.body), e.rule).toBeGreaterThan(Number(limit[1]) + field);
      } else if (e.request.body !== undefined && !/^(path|query)|x-max-|U\+0000/.test(e.rule ?? '')) {
        expect(oracle.validate(invoke.requestBody?.pointer ?? '', e.request.body), e.rule).not.toEqual([]);
      }
    }
  });

  it('a curl line sends exactly the generated body through a real shell, with the key left to the environment', () => {
    const body = { name: 'it\'s "quoted" $HOME `x` \\ \u0000 😀', n: 1 };
    const line = curlLine('http://127.0.0.1:1/v1/mcps?q=%20', { method: 'POST', path: '/v1/mcps', query: {}, body });
    expect(line).toContain('"Authorization: ApiKey $PLEXMCP_API_KEY"');
    // The shell parses the line; a function named curl prints the arguments it was given, one per line.
    const printed = execFileSync('bash', ['-c', `curl() { printf '%s\\n' "$@"; }; ${line}`], {
      env: { PATH: process.env.PATH ?? '', PLEXMCP_API_KEY: 'pmcp_fromTheEnvironment' },
      encoding: 'utf8',
    }).split('\n');
    expect(printed).toContain('Authorization: ApiKey pmcp_fromTheEnvironment');
    expect(printed).toContain('http://127.0.0.1:1/v1/mcps?q=%20');
    expect(JSON.parse(printed[printed.indexOf('--data-raw') + 1] ?? '')).toEqual(body);
  });

  it('--seed and --max-examples come from the command line or the environment, and are checked', () => {
    const base = ['--base-url', 'http://127.0.0.1:1', '--api-key', 'pmcp_x'];
    expect(parseCli([...base, '--seed', '0', '--max-examples', '500'], {}).config).toMatchObject({
      seed: 0,
      maxExamples: 500,
    });
    expect(parseCli(base, { PLEXMCP_SEED: '7', PLEXMCP_MAX_EXAMPLES: '3' }).config).toMatchObject({
      seed: 7,
      maxExamples: 3,
    });
    expect(() => parseCli([...base, '--seed', '-1'], {})).toThrow(/--seed/);
    expect(() => parseCli([...base, '--max-examples', '0'], {})).toThrow(/--max-examples/);
    expect(configFromEnv({ PLEXMCP_BASE_URL: 'http://x', PLEXMCP_SEED: '9', PLEXMCP_MAX_EXAMPLES: '2' })).toMatchObject(
      {
        seed: 9,
        maxExamples: 2,
      },
    );
    expect(() => configFromEnv({ PLEXMCP_BASE_URL: 'http://x', PLEXMCP_SEED: 'abc' })).toThrow(/PLEXMCP_SEED/);
  });
});
