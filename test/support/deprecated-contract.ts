/**
 * A copy of openapi.yaml with an operation (or a parameter) deprecated, as the contract's "Versioning" section
 * describes, for tests of what clients see of a deprecation: today nothing in v1 is deprecated.
 */
import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { Contract, contractPath, type JsonObject } from '../../contract/index.js';

export const DEPRECATION = {
  'x-deprecation-date': '2026-12-01',
  'x-sunset': '2027-06-30',
  'x-deprecation-link': '/docs#section/Migration-guides',
} as const;

/** The headers the server sends for DEPRECATION (RFC 9745, RFC 8594). */
export const DEPRECATION_HEADERS = {
  deprecation: '@1796083200',
  sunset: 'Wed, 30 Jun 2027 00:00:00 GMT',
  link: '</docs#section/Migration-guides>; rel="deprecation"; type="text/html"',
} as const;

type Node = Record<string, unknown>;

/** openapi.yaml with `GET path` deprecated, or only its parameter `parameter` when given. */
export function contractDeprecating(path: string, method = 'get', parameter?: string): Contract {
  const document = parse(readFileSync(contractPath(), 'utf8')) as JsonObject;
  const operation = ((document.paths as Node)[path] as Node)[method] as Node;
  const target = parameter ? ((operation.parameters as Node[]).find((p) => p.name === parameter) as Node) : operation;
  Object.assign(target, {
    deprecated: true,
    description: `Deprecated: works until ${DEPRECATION['x-sunset']}; see ${DEPRECATION['x-deprecation-link']}.`,
    ...DEPRECATION,
  });
  return Contract.parse(stringify(document));
}
