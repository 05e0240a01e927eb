/**
 * GET /docs in a real browser: the server (as `npm start` runs it, on a temporary database) serves the Redocly
 * reference, which renders every seed operation, logs no console error and fetches nothing from another origin
 * (it must work offline). A screenshot is kept in test-output/docs.png.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../server/config/config.js';
import { type RunningServer, startServer } from '../../server/main.js';
import { launchChromium } from './browser.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The seed operations: the first ten the API had, which the reference must always show. */
const SEED = [
  ['get', '/v1/mcps'],
  ['get', '/v1/mcps/{mcp_id}'],
  ['post', '/mcp'],
  ['get', '/v1/organization'],
  ['get', '/v1/organization/members'],
  ['get', '/v1/api-keys'],
  ['post', '/v1/api-keys'],
  ['delete', '/v1/api-keys/{key_id}'],
  ['get', '/v1/usage'],
  ['get', '/v1/usage/history'],
] as const;

interface Operation {
  operationId: string;
  summary: string;
  tags: string[];
}

let dir = '';
let server: RunningServer;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];
const foreignRequests: string[] = [];
let contract: { paths: Record<string, Record<string, Operation>> };

beforeAll(async () => {
  contract = parse(await readFile(join(ROOT, 'openapi.yaml'), 'utf8')) as typeof contract;
  dir = await mkdtemp(join(tmpdir(), 'plexmcp-docs-browser-'));
  const config = loadConfig({
    BIND_ADDRESS: '127.0.0.1:0',
    DATABASE_URL: `file:${join(dir, 'plexmcp.db')}`,
    LOG_LEVEL: 'silent',
    PLEXMCP_HEALTH_CHECK_INTERVAL_MS: '0',
  });
  server = await startServer(config, new Writable({ write: (_chunk, _encoding, done) => done() }));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(server.url) && !url.startsWith('data:') && !url.startsWith('blob:')) foreignRequests.push(url);
  });
  // The first request may build the page (a fresh checkout has no build/docs yet): allow for it.
  const response = await page.goto(`${server.url}/docs`, { waitUntil: 'load', timeout: 120_000 });
  expect(response?.status()).toBe(200);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('GET /docs in a browser', () => {
  it('renders the reference with the contract title', async () => {
    await expect(page.title()).resolves.toBe('PlexMCP API');
    await page
      .getByRole('heading', { name: /PlexMCP API/ })
      .first()
      .waitFor({ timeout: 30_000 });
  });

  it.each(SEED.map(([method, path]) => [method.toUpperCase(), path, method] as const))(
    'lists %s %s in the navigation, under its tag, by its summary',
    async (_label, path, method) => {
      const operation = contract.paths[path]?.[method];
      expect(operation, `${method} ${path} is in openapi.yaml`).toBeDefined();
      const { operationId, summary, tags } = operation!;
      const nav = page.locator(`a[href$="/${operationId.toLowerCase()}"]`).filter({ hasText: summary });
      if ((await nav.count()) === 0) {
        // Tags start collapsed: open this operation's tag in the sidebar.
        await page.getByText(tags[0]!, { exact: true }).first().click();
      }
      await nav.first().waitFor({ state: 'visible', timeout: 15_000 });
      await expect(nav.first().textContent()).resolves.toContain(summary);
    },
    30_000,
  );

  it('opens an operation from the navigation and shows its method and path', async () => {
    await page.locator('a[href$="/listmcps"]').first().click();
    await page.getByRole('heading', { name: 'List MCP servers' }).first().waitFor({ timeout: 15_000 });
    await expect(page.getByText('/v1/mcps', { exact: true }).first().isVisible()).resolves.toBe(true);
  });

  it('logs no console errors and fetches nothing from another origin', async () => {
    await mkdir(join(ROOT, 'test-output'), { recursive: true });
    // Let the sidebar's expand animations finish, so the screenshot shows the page at rest.
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(ROOT, 'test-output', 'docs.png') });
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });
});
