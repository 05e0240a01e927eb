/**
 * The contract's paths as matchers, so an unknown path is 404 and a known path with another method is 405 with `Allow`
 * (RFC 9110 §15.5.6) before authentication: the contract is public, so this reveals nothing.
 */
import { type ContractDocument, HTTP_METHODS } from './contract.js';

export interface RouteEntry {
  readonly template: string;
  readonly pattern: RegExp;
  /** Upper-case methods the contract documents for this path. */
  readonly methods: readonly string[];
  /** True when every operation on the path declares `security: []`. */
  readonly public: boolean;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function toPattern(template: string): RegExp {
  const source = template
    .split(/\{[^}]+\}/)
    .map(escapeRegExp)
    .join('[^/]+');
  // A trailing slash is tolerated, as Express's non-strict routing does.
  return new RegExp(`^${source}/?$`);
}

export function buildRouteTable(document: ContractDocument): RouteEntry[] {
  return Object.entries(document.paths).map(([template, item]) => {
    const methods = HTTP_METHODS.filter((method) => method in item);
    const operations = methods.map((method) => item[method] as { security?: unknown[] });
    return {
      template,
      pattern: toPattern(template),
      methods: methods.map((method) => method.toUpperCase()),
      public: operations.length > 0 && operations.every((op) => Array.isArray(op.security) && op.security.length === 0),
    };
  });
}

export function matchRoute(table: readonly RouteEntry[], path: string): RouteEntry | undefined {
  return table.find((entry) => entry.pattern.test(path));
}

/**
 * The methods to list in `Allow`: exactly those the contract documents. HEAD is not among them (RFC 9110 §9.3.2 makes
 * it optional), because every request must pass the contract's validator, which knows only documented operations.
 */
export function allowedMethods(entry: RouteEntry): string[] {
  return [...entry.methods];
}
