/**
 * `plexmcp-conformance` (and `npm run conformance -- ...`): runs the suite against a base URL and exits 0 when
 * nothing failed, 1 when a check failed, 2 on bad usage or an unreachable target.
 */
import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { packageInfo } from '../contract/index.js';
import { checks } from './checks/index.js';
import { type CliOptions, CliUsageError, parseCli, USAGE } from './cli-args.js';
import { toHar } from './http/har.js';
import type { Reporter } from './model.js';
import { jsonReporter } from './reporters/json.js';
import { junitReporter } from './reporters/junit.js';
import { prettyReporter } from './reporters/pretty.js';
import { runConformance, runFailed, TargetUnreachableError, UsageError } from './runner.js';

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const out = (s: string) => void process.stdout.write(s);
  const err = (s: string) => void process.stderr.write(s);
  let options: CliOptions;
  try {
    options = parseCli(argv, env);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    err(`plexmcp-conformance: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    out(`${USAGE}\n`);
    return 0;
  }
  if (options.list) {
    for (const c of checks)
      out(`${c.id.padEnd(11)} ${c.title}${c.needs ? `  [needs ${Object.keys(c.needs).join(', ')}]` : ''}\n`);
    return 0;
  }
  const reporters: Reporter[] = [];
  const toStdout = options.reporter !== 'pretty' && !options.output;
  if (!toStdout)
    reporters.push(prettyReporter({ write: out, colour: options.colour && Boolean(process.stdout.isTTY) }));
  const sink = (text: string) => (options.output ? writeFile(options.output, text) : void out(text));
  if (options.reporter === 'json') reporters.push(jsonReporter({ write: sink }));
  if (options.reporter === 'junit') reporters.push(junitReporter({ write: sink }));

  const abort = new AbortController();
  const onSignal = () => {
    err('\ninterrupted: finishing the current check, then removing what the run created…\n');
    abort.abort();
  };
  process.once('SIGINT', onSignal);
  try {
    const report = await runConformance(options.config, { reporters, signal: abort.signal });
    if (options.har)
      await writeFile(options.har, `${JSON.stringify(toHar(report.exchanges, packageInfo().version), null, 2)}\n`);
    if (abort.signal.aborted) return 130;
    return runFailed(report) ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      err(`plexmcp-conformance: ${error.message}\n`);
      return 2;
    }
    if (error instanceof TargetUnreachableError) {
      err(`plexmcp-conformance: ${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    process.removeListener('SIGINT', onSignal);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `plexmcp-conformance: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 2;
    },
  );
}
