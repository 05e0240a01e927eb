/**
 * The page GET /docs serves: the Redocly reference of openapi.yaml, one self-contained HTML file. Where it comes from:
 *
 *   1. `dist/docs/index.html`: in the npm package (`npm run build` puts it there);
 *   2. `build/docs/index.html`: in a checkout, after `npm run docs`;
 *   3. otherwise, in a checkout (where the Redocly CLI is installed), it is built once, on the first request, into
 *      `build/docs/index.html`, exactly as `npm run docs` would; a page older than openapi.yaml is rebuilt the same way;
 *   4. if that cannot be done, a small page that links to the contract and says how to build the reference.
 *
 * The result is kept for the life of the process (the contract does not change while the server runs).
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { docsContentSecurityPolicy, offlinePage } from './offline-page.js';

export interface DocsPage {
  html: string;
  /** The Content-Security-Policy this page needs (its inline scripts by hash). */
  csp: string;
  /** Where the page came from: the package, a checkout's build, built just now, or the fallback page. */
  source: 'dist' | 'build' | 'built' | 'fallback';
}

export interface DocsPageOptions {
  /** The package root (holding openapi.yaml, dist/ or build/). */
  root: string;
  title: string;
  version: string;
  /** Told when the page is built, and why it could not be. */
  log?: (level: 'info' | 'warn', message: string) => void;
}

/** How long one build may take before it is given up (the Redocly CLI takes seconds). */
const BUILD_TIMEOUT_MS = 120_000;

const pages = new Map<string, Promise<DocsPage>>();

/** The docs page for this package root, found or built on the first call and kept; concurrent callers share it. */
export function loadDocsPage(options: DocsPageOptions): Promise<DocsPage> {
  let page = pages.get(options.root);
  if (!page) {
    page = resolvePage(options);
    pages.set(options.root, page);
    // A failure is not kept: the next request tries again.
    page.catch(() => pages.delete(options.root));
  }
  return page;
}

async function mtime(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return undefined;
  }
}

function withPolicy(html: string, source: DocsPage['source']): DocsPage {
  const page = offlinePage(html);
  return { html: page, csp: docsContentSecurityPolicy(page), source };
}

async function resolvePage(options: DocsPageOptions): Promise<DocsPage> {
  const { root } = options;
  const log = options.log ?? (() => {});
  const contractTime = (await mtime(join(root, 'openapi.yaml'))) ?? 0;
  const candidates = [
    { path: join(root, 'dist', 'docs', 'index.html'), source: 'dist' as const },
    { path: join(root, 'build', 'docs', 'index.html'), source: 'build' as const },
  ];
  let stale: { path: string; source: 'dist' | 'build' } | undefined;
  for (const candidate of candidates) {
    const time = await mtime(candidate.path);
    if (time === undefined) continue;
    // npm sets every packed file to one fixed time, so in the package the page and the contract are equally old.
    if (time < contractTime) {
      stale ??= candidate;
      continue;
    }
    // Gone since the stat (a rebuild of dist/ under way, say): try the next place.
    const html = await readFile(candidate.path, 'utf8').catch(() => undefined);
    if (html !== undefined) return withPolicy(html, candidate.source);
  }

  const output = join(root, 'build', 'docs', 'index.html');
  try {
    log('info', `building the reference docs once into ${output} (npm run docs does the same)`);
    await buildDocs(root, output);
    return withPolicy(await readFile(output, 'utf8'), 'built');
  } catch (error) {
    log('warn', `could not build the reference docs: ${(error as Error).message}`);
  }
  const stalePage = stale && (await readFile(stale.path, 'utf8').catch(() => undefined));
  if (stale && stalePage !== undefined) return withPolicy(stalePage, stale.source);
  return withPolicy(fallbackPage(options.title, options.version), 'fallback');
}

/** Runs the Redocly CLI as `npm run docs` does, writing to a temporary file first so no reader sees half a page. */
async function buildDocs(root: string, output: string): Promise<void> {
  const cliPackage = createRequire(join(root, 'package.json')).resolve('@redocly/cli/package.json');
  const bin = (JSON.parse(await readFile(cliPackage, 'utf8')) as { bin: Record<string, string> }).bin.redocly;
  if (!bin) throw new Error('the Redocly CLI has no redocly bin');
  const partial = `${output}.${process.pid}.partial.html`;
  await mkdir(dirname(output), { recursive: true });
  try {
    await promisify(execFile)(
      process.execPath,
      [join(dirname(cliPackage), bin), 'build-docs', 'openapi.yaml', '--inlineBundle', '-o', partial],
      {
        cwd: root,
        timeout: BUILD_TIMEOUT_MS,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    );
    await rename(partial, output);
  } finally {
    await rm(partial, { force: true });
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function fallbackPage(title: string, version: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body>
<h1>${escapeHtml(title)} ${escapeHtml(version)}</h1>
<p>The contract: <a href="/openapi.yaml">openapi.yaml</a> · <a href="/openapi.json">openapi.json</a></p>
<p>The full reference page is not built on this server: run <code>npm run docs</code> (or <code>npm run build</code>) in the
package and restart the server.</p>
</body>
</html>
`;
}
