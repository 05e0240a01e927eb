/**
 * Streamable HTTP answers a request on the response stream of its own POST. When that stream breaks (the upstream
 * died, the connection was cut) the SDK reports the error but leaves the request waiting for its timeout. This fetch
 * wrapper notices the break and names the request it stranded, so the gateway can fail that one call at once without
 * disturbing other calls on the same session.
 */
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';

export type RequestId = string | number;

/** The id of the JSON-RPC request a POST carries (not of a notification or a response). */
export function requestIdOf(init: RequestInit | undefined): RequestId | undefined {
  if (init?.method !== 'POST' || typeof init.body !== 'string') return undefined;
  try {
    const message = JSON.parse(init.body) as { id?: unknown; method?: unknown };
    const { id } = message;
    return typeof message.method === 'string' && (typeof id === 'string' || typeof id === 'number') ? id : undefined;
  } catch {
    return undefined;
  }
}

export function fetchNoticingLostResponses(onLost: (id: RequestId) => void, base: FetchLike = fetch): FetchLike {
  return async (url, init) => {
    const response = await base(url, init);
    const id = requestIdOf(init);
    const isStream = response.headers.get('content-type')?.toLowerCase().startsWith('text/event-stream') ?? false;
    if (id === undefined || !isStream || !response.body) return response;
    const reader = response.body.getReader();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (error) {
          onLost(id);
          controller.error(error);
        }
      },
      cancel: (reason) => reader.cancel(reason),
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
