/**
 * System routes: health, the contract as YAML and JSON, and the reference docs (the Redocly page, see server/docs/docs-page.ts).
 * No authentication (`security: []`).
 */
import type { Contract } from '../../contract/index.js';
import type { RouteDeps } from '../deps.js';
import { loadDocsPage, packageInfo } from '../docs/index.js';
import { ok } from '../http/envelope.js';
import { ApiError } from '../http/errors.js';
import type { OperationBindings } from '../http/operations.js';

export function systemHandlers(deps: RouteDeps, contract: Contract): OperationBindings {
  const startedAt = Date.now();
  const json = JSON.stringify(contract.document);
  const { root, version } = packageInfo();

  return {
    getHealth: async ({ res }) => {
      try {
        // A read that touches the database: healthy means the store answers, not just that the process runs.
        await deps.store.getMeta('schema_version');
      } catch (err) {
        deps.logger.error({ err }, 'health check: the store does not answer');
        throw new ApiError('service_unavailable', 'The store does not answer', undefined, { 'Retry-After': '5' });
      }
      res.json(ok({ status: 'ok' as const, version, uptime_seconds: Math.round((Date.now() - startedAt) / 1000) }));
    },

    // The contract is public and changes only with a deployment; caches may keep it briefly.
    getOpenApiYaml: ({ res }) => {
      res.setHeader('Cache-Control', 'public, max-age=300');
      res.type('application/yaml').send(contract.yaml);
    },
    getOpenApiJson: ({ res }) => {
      res.setHeader('Cache-Control', 'public, max-age=300');
      res.type('application/json').send(json);
    },
    getDocs: async ({ res }) => {
      const page = await loadDocsPage({
        root,
        title: contract.title,
        version: contract.version,
        log: (level, message) => deps.logger[level]({ route: '/docs' }, message),
      });
      res.setHeader('Content-Security-Policy', page.csp);
      res.setHeader('Cache-Control', 'public, max-age=300');
      res.type('text/html').send(page.html);
    },
  };
}
