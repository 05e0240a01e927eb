/**
 * System routes: health, the contract as YAML and JSON, and the reference docs (the Redocly page, see server/docs/docs-page.ts).
 * No authentication (`security: []`).
 */
import { Router } from 'express';
import type { Contract } from '../../contract/index.js';
import type { RouteDeps } from '../app.js';
import { loadDocsPage, packageInfo } from '../docs/index.js';
import { ok } from '../http/envelope.js';
import { ApiError } from '../http/errors.js';

export function systemRoutes(deps: RouteDeps, contract: Contract): Router {
  const router = Router();
  const startedAt = Date.now();
  const json = JSON.stringify(contract.document);
  const { root, version } = packageInfo();

  router.get('/health', async (_req, res) => {
    try {
      // A read that touches the database: healthy means the store answers, not just that the process runs.
      await deps.store.getMeta('schema_version');
    } catch (err) {
      deps.logger.error({ err }, 'health check: the store does not answer');
      throw new ApiError('service_unavailable', 'The store does not answer', undefined, { 'Retry-After': '5' });
    }
    res.json(ok({ status: 'ok' as const, version, uptime_seconds: Math.round((Date.now() - startedAt) / 1000) }));
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
  router.get('/docs', async (_req, res) => {
    const page = await loadDocsPage({
      root,
      title: contract.title,
      version: contract.version,
      log: (level, message) => deps.logger[level]({ route: '/docs' }, message),
    });
    res.setHeader('Content-Security-Policy', page.csp);
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.type('text/html').send(page.html);
  });
  return router;
}
