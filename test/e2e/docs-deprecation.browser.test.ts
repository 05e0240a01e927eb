/**
 * A deprecated operation in the reference (/docs), as a reader sees it: the Redocly page built from a contract with
 * `GET /v1/usage/history` deprecated (openapi.yaml, info.description "Versioning") marks the operation Deprecated and
 * shows its sunset date and migration link, in a real browser.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { contractDeprecating, DEPRECATION } from '../support/deprecated-contract.js';
import { launchChromium } from './browser.js';

const require = createRequire(import.meta.url);
let dir = '';
let browser: Browser;

/** Builds the reference the way `npm run docs` does, from `spec`. */
async function buildDocs(spec: string, out: string): Promise<void> {
  const cliPackage = require.resolve('@redocly/cli/package.json');
  const bin = (JSON.parse(await readFile(cliPackage, 'utf8')) as { bin: Record<string, string> }).bin.redocly!;
  await promisify(execFile)(
    process.execPath,
    [join(dirname(cliPackage), bin), 'build-docs', spec, '--inlineBundle', '-o', out],
    {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off' },
    },
  );
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plexmcp-docs-deprecation-'));
  const spec = join(dir, 'openapi.yaml');
  await writeFile(spec, stringify(contractDeprecating('/v1/usage/history').document));
  await buildDocs(spec, join(dir, 'index.html'));
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a deprecated operation in /docs', () => {
  it('is marked deprecated, once, and names its sunset date and migration notes', { timeout: 60_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${pathToFileURL(join(dir, 'index.html')).href}#operation/listUsageHistory`, { waitUntil: 'load' });
    const badge = page.getByText(/^deprecated$/i);
    await badge.first().waitFor({ state: 'visible', timeout: 30_000 });
    // Only the one deprecated operation carries the mark.
    await expect(badge.count()).resolves.toBe(1);
    const notice = page.getByText(`works until ${DEPRECATION['x-sunset']}`);
    await expect(notice.first().isVisible()).resolves.toBe(true);
    await expect(notice.first().textContent()).resolves.toContain(DEPRECATION['x-deprecation-link']);
  });
});
