/**
 * `npm run fuzz`: requests generated from openapi.yaml, malformed in every way the contract's rules and HTTP/1.1
 * framing allow, against a deployment or against this package's server started here. Exits 1 when any answer is a
 * 5xx (other than a documented gateway error) or not the envelope with `X-Request-Id`, printing a reproduction.
 *
 *   npm run fuzz -- [--seed N] [--requests 1000] [--concurrency 8] [--timeout-ms 15000]
 *                   [--base-url URL --api-key KEY] [--case I]
 *
 * The seed is printed on every run; the same seed gives the same requests (`--case I` sends only case I of it).
 * Against `--base-url` the run creates, changes and deletes MCP servers and keys: use a deployment meant for tests.
 */
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadContract } from '../contract/index.js';
import { formatReport } from './cli-report.js';
import { runFuzz } from './runner.js';
import { localTarget, remoteTarget } from './target.js';

function whole(name: string, value: string | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0 || n > max)
    throw new Error(`--${name} must be a whole number from 0 to ${max}`);
  return n;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      requests: { type: 'string' },
      concurrency: { type: 'string' },
      'timeout-ms': { type: 'string' },
      'base-url': { type: 'string' },
      'api-key': { type: 'string' },
      case: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(
      'npm run fuzz -- [--seed N] [--requests N] [--concurrency N] [--timeout-ms N] [--base-url URL --api-key KEY] [--case I]\n',
    );
    return 0;
  }
  if ((values['base-url'] === undefined) !== (values['api-key'] === undefined))
    throw new Error('--base-url and --api-key go together');
  const seed = whole('seed', values.seed, randomInt(0, 2 ** 31), 2 ** 32 - 1);
  const options = {
    seed,
    requests: whole('requests', values.requests, 1_000),
    concurrency: whole('concurrency', values.concurrency, 8, 256),
    timeoutMs: whole('timeout-ms', values['timeout-ms'], 15_000),
    onlyCase: values.case === undefined ? undefined : whole('case', values.case, 0),
  };
  process.stdout.write(
    `fuzz: seed ${seed}, ${options.onlyCase === undefined ? `${options.requests} requests` : `case ${options.onlyCase}`}\n`,
  );
  const contract = loadContract();
  const target = values['base-url']
    ? await remoteTarget(values['base-url'], values['api-key'] as string)
    : await localTarget();
  process.stdout.write(
    `fuzz: target ${target.baseUrl}${values['base-url'] ? '' : ' (started here, demo MCP registered)'}\n`,
  );
  try {
    const report = await runFuzz(contract, target, options);
    const target_ = values['base-url'] ? ` --base-url ${values['base-url']} --api-key "$KEY"` : '';
    process.stdout.write(`${formatReport(report, `npm run fuzz --${target_}`)}\n`);
    return report.failures.length === 0 ? 0 : 1;
  } finally {
    await target.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`fuzz: ${(error as Error).message}\n`);
    process.exit(2);
  },
);
