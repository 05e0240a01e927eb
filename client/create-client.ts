/**
 * The typed client: openapi-fetch over the generated `paths`, with the API key set once, 429s retried per
 * `Retry-After`, and every HTTP failure returned as a `PlexMcpError` value in `error`.
 */
import createClient, { type Client, type FetchResponse, type MaybeOptionalInit, type Middleware } from 'openapi-fetch';
import type { HttpMethod, MediaType, PathsWithMethod, RequiredKeysOf } from 'openapi-typescript-helpers';
import type { paths } from '../generated/schema.js';
import { type DeprecationNotice, deprecationNotice } from './deprecation.js';
import { invalidResponse, type PlexMcpError, toPlexMcpError } from './errors.js';
import { type RetryOptions, withRetry } from './retry.js';

/**
 * Options of `createPlexMcpClient`.
 *
 * @example
 * const options: PlexMcpClientOptions = { baseUrl: 'http://127.0.0.1:4010', apiKey: 'pmcp_...', retry: false };
 */
export interface PlexMcpClientOptions {
  /** Where the API is, without a trailing path: `https://api.plexmcp.com`, `http://127.0.0.1:8080`. */
  readonly baseUrl: string;
  /** The API key (`pmcp_...`), sent as `Authorization: ApiKey <key>`. Omit it (or pass '') to send no credentials. */
  readonly apiKey?: string | undefined;
  /** The fetch to send requests with (default: the global fetch). */
  readonly fetch?: ((input: Request) => Promise<Response>) | undefined;
  /** How to retry 429 responses (default `DEFAULT_RETRY`); `false` sends every request once. */
  readonly retry?: RetryOptions | false | undefined;
  /**
   * Called the first time this client gets a response announcing that its operation is deprecated (`Deprecation`,
   * `Sunset`, `Link: <…>; rel="deprecation"`; openapi.yaml "Versioning"), errors included, once per operation. Use it
   * to log a warning with the sunset and the migration notes. It runs before the call resolves; what it throws is not
   * caught.
   *
   * @example
   * createPlexMcpClient({
   *   baseUrl,
   *   apiKey,
   *   onDeprecation: ({ operation, sunset, link }) =>
   *     console.warn(`${operation} is deprecated; it may stop working on ${sunset?.toISOString()}; see ${link}`),
   * });
   */
  readonly onDeprecation?: ((notice: DeprecationNotice) => void) | undefined;
}

/**
 * An openapi-fetch result whose error branch carries a `PlexMcpError` instead of the raw body.
 * On success `data` is the typed envelope (`{ success: true, data, pagination? }`); on failure `error` is set.
 *
 * @example
 * type ListMcpsResult = PlexMcpResult<FetchResponse<operations['listMcps'], {}, 'application/json'>>;
 */
export type PlexMcpResult<R> = R extends { error: unknown }
  ? { data?: never; error: PlexMcpError; response: Response }
  : R | { data?: never; error: PlexMcpError; response: Response };

// openapi-fetch's own (unexported) rule: the init argument is optional unless the operation has required inputs.
type InitParam<Init> =
  RequiredKeysOf<Init> extends never ? [(Init & { [key: string]: unknown })?] : [Init & { [key: string]: unknown }];

/**
 * One HTTP method of the client: the path is checked against the contract, params and body are typed by it.
 *
 * @example
 * const get: PlexMcpMethod<'get'> = plexmcp.GET;
 * await get('/v1/usage', { params: { query: { period: 'week' } } });
 */
export type PlexMcpMethod<M extends HttpMethod> = <
  Path extends PathsWithMethod<paths, M>,
  Init extends MaybeOptionalInit<paths[Path], M>,
>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<PlexMcpResult<FetchResponse<paths[Path][M] & Record<string | number, unknown>, Init, MediaType>>>;

/**
 * The client `createPlexMcpClient` returns: GET, POST, PATCH and DELETE over the contract's paths, plus `raw`.
 *
 * @example
 * const { data } = await plexmcp.DELETE('/v1/api-keys/{key_id}', { params: { path: { key_id: 'key_123' } } });
 */
export interface PlexMcpClient {
  GET: PlexMcpMethod<'get'>;
  POST: PlexMcpMethod<'post'>;
  PATCH: PlexMcpMethod<'patch'>;
  DELETE: PlexMcpMethod<'delete'>;
  /** The underlying openapi-fetch client (same auth and retry), whose `error` is the raw parsed body. */
  readonly raw: Client<paths>;
}

type RawResult = { data?: unknown; error?: unknown; response: Response };
type RawMethod = (url: string, init: Record<string, unknown>) => Promise<RawResult>;

/**
 * Creates a typed client for the PlexMCP API. HTTP errors are returned, never thrown: branch on `error`
 * (`error.code`, `error.status`, `error.requestId`); only network failures and aborts throw.
 *
 * @example
 * import { createPlexMcpClient } from './client/index.js';
 *
 * const plexmcp = createPlexMcpClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: process.env.PLEXMCP_API_KEY });
 * const { data, error } = await plexmcp.GET('/v1/mcps/{mcp_id}', { params: { path: { mcp_id: 'mcp_123' } } });
 * if (error) {
 *   console.error(`${error.status} ${error.code}: ${error.message} (request ${error.requestId})`);
 * } else {
 *   console.log(data.data.name, data.data.tools.map((tool) => tool.name));
 * }
 */
export function createPlexMcpClient(options: PlexMcpClientOptions): PlexMcpClient {
  const send = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const raw = createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: options.retry === false ? send : withRetry(send, options.retry ?? {}),
    headers: options.apiKey ? { Authorization: `ApiKey ${options.apiKey}` } : {},
  });
  const announced = new Set<string>();
  const notice = (operation: string, response: Response) => {
    if (!options.onDeprecation || announced.has(operation)) return;
    const found = deprecationNotice(operation, response);
    if (!found) return;
    announced.add(operation);
    options.onDeprecation(found);
  };
  const method =
    (name: 'GET' | 'POST' | 'PATCH' | 'DELETE'): RawMethod =>
    async (url, init) => {
      const result = await callWithTypedErrors(raw[name] as unknown as RawMethod, url, init);
      notice(`${name} ${url}`, result.response);
      return result;
    };
  return {
    GET: method('GET') as unknown as PlexMcpMethod<'get'>,
    POST: method('POST') as unknown as PlexMcpMethod<'post'>,
    PATCH: method('PATCH') as unknown as PlexMcpMethod<'patch'>,
    DELETE: method('DELETE') as unknown as PlexMcpMethod<'delete'>,
    raw,
  };
}

async function callWithTypedErrors(
  call: RawMethod,
  url: string,
  init: Record<string, unknown> | undefined,
): Promise<RawResult> {
  // Keep hold of the response so a 2xx whose body is not JSON still yields a typed error with its status.
  let received: Response | undefined;
  const capture: Middleware = {
    onResponse: ({ response }) => {
      received = response;
    },
  };
  const middleware = [...((init?.middleware as Middleware[] | undefined) ?? []), capture];
  try {
    const result = await call(url, { ...init, middleware });
    if (result.response.ok) return result;
    return { error: toPlexMcpError(result.error, result.response), response: result.response };
  } catch (cause) {
    if (!(cause instanceof SyntaxError) || !received) throw cause;
    const requestId = received.headers.get('x-request-id');
    return {
      error: invalidResponse(received.status, requestId, 'The response body is not valid JSON', ''),
      response: received,
    };
  }
}
