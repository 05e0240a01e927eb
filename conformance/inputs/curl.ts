/**
 * A generated request as a ready-to-run curl command, so a finding can be reproduced by hand. The API key is written
 * as `$PLEXMCP_API_KEY` (expanded by the shell from the environment), never the key itself.
 */
import type { GeneratedRequest } from './operation-inputs.js';

/** POSIX shell single quoting: everything literal, a `'` written as `'\''`. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * @example
 * curlLine('http://127.0.0.1:8080/v1/mcps?page=2', { method: 'GET', path: '/v1/mcps', query: { page: '2' } });
 * // curl -sS -X GET 'http://127.0.0.1:8080/v1/mcps?page=2' -H "Authorization: ApiKey $PLEXMCP_API_KEY"
 */
export function curlLine(url: string, request: GeneratedRequest): string {
  const parts = [
    'curl',
    '-sS',
    '-X',
    request.method,
    shellQuote(url),
    '-H',
    '"Authorization: ApiKey $PLEXMCP_API_KEY"',
  ];
  if (request.body !== undefined)
    parts.push(
      '-H',
      shellQuote('Content-Type: application/json'),
      '--data-raw',
      shellQuote(JSON.stringify(request.body)),
    );
  return parts.join(' ');
}
