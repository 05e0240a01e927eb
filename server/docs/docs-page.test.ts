import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../contract/index.js';
import { loadDocsPage } from './docs-page.js';
import { docsContentSecurityPolicy, offlinePage } from './offline-page.js';

const PAGE = `<!DOCTYPE html><html><head><title>PlexMCP API</title></head><body>
<img src="https://cdn.redoc.ly/redoc/logo-mini-full.svg"><script>window.redoc = 1;</script></body></html>`;

const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

/** A package root with a contract and, optionally, pages in dist/ and build/ with the given ages in seconds. */
async function fakeRoot(pages: { dist?: number; build?: number }): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'plexmcp-docs-page-'));
  roots.push(root);
  await writeFile(join(root, 'openapi.yaml'), 'openapi: 3.1.0\n');
  const now = Date.now() / 1000;
  await utimes(join(root, 'openapi.yaml'), now - 100, now - 100);
  for (const [dir, age] of Object.entries(pages)) {
    await mkdir(join(root, dir, 'docs'), { recursive: true });
    const file = join(root, dir, 'docs', 'index.html');
    await writeFile(file, PAGE.replace('PlexMCP API', `PlexMCP API from ${dir}`));
    await utimes(file, now - age, now - age);
  }
  return root;
}

const options = (root: string, log?: (level: string, message: string) => void) => ({
  root,
  title: 'PlexMCP API',
  version: '1.0.0',
  ...(log ? { log } : {}),
});

describe('loadDocsPage', () => {
  it('serves the packaged page from dist/docs first', async () => {
    const page = await loadDocsPage(options(await fakeRoot({ dist: 100, build: 10 })));
    expect(page.source).toBe('dist');
    expect(page.html).toContain('PlexMCP API from dist');
  });

  it("serves a checkout's build/docs page when it is newer than the contract", async () => {
    const page = await loadDocsPage(options(await fakeRoot({ build: 10 })));
    expect(page.source).toBe('build');
  });

  it('keeps serving a stale page, saying why, when it cannot be rebuilt', async () => {
    const said: string[] = [];
    const page = await loadDocsPage(options(await fakeRoot({ build: 500 }), (_level, message) => said.push(message)));
    expect(page.source).toBe('build');
    expect(said.join('\n')).toMatch(/could not build the reference docs/);
  });

  it('falls back to a page linking the contract and naming npm run docs when nothing is built', async () => {
    const page = await loadDocsPage(options(await fakeRoot({})));
    expect(page.source).toBe('fallback');
    expect(page.html).toContain('href="/openapi.yaml"');
    expect(page.html).toContain('npm run docs');
  });
});

describe('offlinePage and its Content-Security-Policy', () => {
  it('replaces the remote Redoc logo and asks the browser for no favicon', () => {
    const html = offlinePage(PAGE);
    expect(html).not.toContain('https://cdn.redoc.ly');
    expect(html).toContain('<link rel="icon" href="data:,">');
  });

  it("allows exactly the page's inline scripts, by hash, and no other origin", () => {
    const csp = docsContentSecurityPolicy(PAGE);
    const hash = createHash('sha256').update('window.redoc = 1;').digest('base64');
    expect(csp).toContain(`script-src 'sha256-${hash}';`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/unsafe-eval|https?:/);
  });
});

describe('findPackageRoot', () => {
  it('finds the directory whose package.json names this package', async () => {
    const root = await fakeRoot({});
    await writeFile(join(root, 'package.json'), JSON.stringify({ name: 'plexmcp-api-kit', version: '9.9.9' }));
    await mkdir(join(root, 'dist', 'server', 'docs'), { recursive: true });
    // A package.json of another name on the way up (as dist/ may hold) is passed over.
    await writeFile(join(root, 'dist', 'package.json'), JSON.stringify({ type: 'module' }));
    expect(findPackageRoot(join(root, 'dist', 'server', 'docs'))).toBe(root);
  });
});
