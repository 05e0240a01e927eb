/** System routes: health, the contract as YAML and JSON, and the reference docs. No authentication (`security: []`). */
import { readFileSync } from 'node:fs';
import { Router } from 'express';
import type { RouteDeps } from '../app.js';
import type { Contract } from '../http/contract.js';
import { ok } from '../http/envelope.js';
import { ApiError } from '../http/errors.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function docsPage(contract: Contract): string {
  const { title, version } = contract.document.info;
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body>
<h1>${escapeHtml(title)} ${escapeHtml(version)}</h1>
<p>The contract: <a href="/openapi.yaml">openapi.yaml</a> · <a href="/openapi.json">openapi.json</a></p>
</body>
</html>
`;
}

export function systemRoutes(deps: RouteDeps, contract: Contract): Router {
  const router = Router();
  const startedAt = Date.now();
  const json = JSON.stringify(contract.document);
  const html = docsPage(contract);

  router.get('/health', async (_req, res) => {
    try {
      // A read that touches the database: healthy means the store answers, not just that the process runs.
      await deps.store.getMeta('schema_version');
    } catch (err) {
      deps.logger.error({ err }, 'health check: the store does not answer');
      throw new ApiError('service_unavailable', 'The store does not answer', undefined, { 'Retry-After': '5' });
    }
    res.json(ok({ status: 'ok' as const, version: VERSION, uptime_seconds: Math.round((Date.now() - startedAt) / 1000) }));
  });

  // The contract is public and changes only with a deployment; caches may keep it briefly.
  router.get('/openapi.yaml', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.type('application/yaml').send(contract.yaml);
  });
  router.get('/openapi.json', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.type('application/json').send(json);
  });
  router.get('/docs', (_req, res) => {
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    res.type('text/html').send(html);
  });
  return router;
}
