/**
 * `npm run build`: the npm package's contents in dist/, runnable with plain node (no tsx).
 *
 *   dist/client, dist/contract, dist/server, dist/conformance   JavaScript and .d.ts (tsconfig.build.json; no tests)
 *   dist/generated/schema.d.ts                    the contract's types, which the client's .d.ts files import
 *   dist/bin/plexmcp-{server,conformance,admin}.js  the bins
 *   dist/docs/index.html                          the reference page GET /docs serves (as `npm run docs` builds it)
 *
 * openapi.yaml and package.json stay at the package root, where contract/ (used by the server and the suite) finds
 * them by walking up.
 */
import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = join(ROOT, 'dist');
const run = promisify(execFile);

/** Each bin imports its program's `main`; the modules' own "run when executed directly" checks stay false. */
const BINS: Record<string, string> = {
  'plexmcp-server': "import { main } from '../server/main.js';\n\nawait main();\n",
  'plexmcp-conformance':
    "import { main } from '../conformance/cli.js';\n\nprocess.exitCode = await main(process.argv.slice(2));\n",
  'plexmcp-admin':
    "import { main } from '../server/admin/cli.js';\n\nprocess.exitCode = await main(process.argv.slice(2));\n",
};

async function step(label: string, work: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await work();
  process.stdout.write(`${label} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}

async function compile(): Promise<void> {
  try {
    await run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
      cwd: ROOT,
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`tsc -p tsconfig.build.json failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

async function docs(): Promise<void> {
  const cli = join(ROOT, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
  const page = join(DIST, 'docs', 'index.html');
  // Written aside, then renamed: a server running from this checkout reads dist/docs and must never see half a page.
  const partial = `${page}.partial.html`;
  await run(process.execPath, [cli, 'build-docs', 'openapi.yaml', '--inlineBundle', '-o', partial], {
    cwd: ROOT,
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  await rename(partial, page);
}

async function bins(): Promise<void> {
  await mkdir(join(DIST, 'bin'), { recursive: true });
  for (const [name, body] of Object.entries(BINS)) {
    const file = join(DIST, 'bin', `${name}.js`);
    await writeFile(file, `#!/usr/bin/env node\n// The \`${name}\` command.\n${body}`);
    await chmod(file, 0o755);
  }
}

async function layout(): Promise<void> {
  await mkdir(join(DIST, 'generated'), { recursive: true });
  await copyFile(join(ROOT, 'generated', 'schema.d.ts'), join(DIST, 'generated', 'schema.d.ts'));
}

async function main(): Promise<void> {
  await rm(DIST, { recursive: true, force: true });
  await step('compiled client/, contract/, server/, conformance/ to dist/', compile);
  await step('copied the contract and its types', layout);
  await step('built the reference docs into dist/docs/index.html', docs);
  await step('wrote the bins to dist/bin/', bins);
}

main().catch((error: unknown) => {
  process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
