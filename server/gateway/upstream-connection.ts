/**
 * One open MCP session with one upstream: streamable HTTP first, the legacy HTTP+SSE transport when the streamable
 * attempt is answered with a 4xx (MCP basic/transports §Backwards Compatibility).
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport, SseError } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import { credentialHeaders } from './credential-headers.js';
import { nodeHttpFetch } from './node-http-fetch.js';
import type { UpstreamTarget } from './types.js';
import { DeadlineExceeded, shouldFallBackToSse } from './upstream-errors.js';

export interface UpstreamConnection {
  readonly client: Client;
  readonly transport: 'streamable-http' | 'sse';
  readonly protocolVersion: string | null;
  /** True once the session is closed or its stream was lost; the pool then opens a new one. */
  readonly closed: boolean;
  /** Whether requests carry a session id (so a 404 means the upstream expired the session). */
  hasSession(): boolean;
  /**
   * Closes the session. `terminate` first asks the upstream to end it (MCP basic/transports §Session Management: a
   * client that no longer needs a session SHOULD send DELETE); pointless when the session is already gone.
   */
  close(options?: { terminate?: boolean }): Promise<void>;
}

export interface ConnectOptions {
  clientName: string;
  clientVersion: string;
  timeoutMs: number;
}

/** How long a polite session DELETE may delay closing. */
const TERMINATE_TIMEOUT_MS = 2_000;

function withDeadline<T>(work: Promise<T>, timeoutMs: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new DeadlineExceeded(timeoutMs));
    }, timeoutMs);
    timer.unref();
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

async function open(
  transport: Transport & { setProtocolVersion?: (version: string) => void },
  kind: UpstreamConnection['transport'],
  options: ConnectOptions,
): Promise<UpstreamConnection> {
  const client = new Client({ name: options.clientName, version: options.clientVersion }, { capabilities: {} });
  let protocolVersion: string | null = null;
  let closed = false;
  let connected = false;
  const setVersion = transport.setProtocolVersion?.bind(transport);
  transport.setProtocolVersion = (version) => {
    protocolVersion = version;
    setVersion?.(version);
  };
  const connection: UpstreamConnection = {
    client,
    transport: kind,
    get protocolVersion() {
      return protocolVersion;
    },
    get closed() {
      return closed;
    },
    hasSession: () => kind === 'sse' || Boolean((transport as { sessionId?: string }).sessionId),
    async close(closeOptions) {
      const wasClosed = closed;
      closed = true;
      if (closeOptions?.terminate && !wasClosed && transport instanceof StreamableHTTPClientTransport) {
        await withDeadline(transport.terminateSession(), TERMINATE_TIMEOUT_MS, () => undefined).catch(() => undefined);
      }
      await client.close().catch(() => undefined);
    },
  };
  client.onclose = () => {
    closed = true;
  };
  // Over legacy SSE every answer arrives on the one event stream: once it breaks, closing the client rejects every
  // waiting request at once (as "Connection closed") instead of leaving them to their timeouts.
  client.onerror = (error) => {
    if (connected && !closed && kind === 'sse' && error instanceof SseError) void connection.close();
  };
  try {
    await withDeadline(client.connect(transport, { timeout: options.timeoutMs }), options.timeoutMs, () => {
      void client.close().catch(() => undefined);
    });
  } catch (error) {
    await client.close().catch(() => undefined);
    throw error;
  }
  connected = true;
  return connection;
}

export async function connectUpstream(target: UpstreamTarget, options: ConnectOptions): Promise<UpstreamConnection> {
  const url = new URL(target.endpointUrl);
  // Both SDK transports add requestInit headers to every request, the SSE GET (EventSource) included.
  const requestInit: RequestInit = { headers: credentialHeaders(target.authType, target.credentials) };
  // A request whose response stream broke is answered, locally, the way the SDK answers requests on a closed
  // connection, so it fails at once as unreachable and the session's other calls carry on.
  const streamable: StreamableHTTPClientTransport = new StreamableHTTPClientTransport(url, {
    requestInit,
    fetch: nodeHttpFetch((id) =>
      streamable.onmessage?.({
        jsonrpc: '2.0',
        id,
        error: { code: ErrorCode.ConnectionClosed, message: 'Connection closed' },
      }),
    ),
  });
  try {
    return await open(streamable, 'streamable-http', options);
  } catch (error) {
    if (!shouldFallBackToSse(error)) throw error;
  }
  return open(new SSEClientTransport(url, { requestInit }), 'sse', options);
}
