/**
 * Pure helpers for `POST /mcp`: find the tool (with a "did you mean"), validate its arguments, and shape the
 * gateway's `ToolCallResult` as the API's `InvokeResult`.
 */
import type { components } from '../../generated/schema.js';
import { ApiError } from '../http/errors.js';
import type { Tool } from '../store/types.js';
import type { ToolCallResult } from './types.js';

export { assertValidArguments, validateArguments } from './argument-validator.js';

type InvokeResult = components['schemas']['InvokeResult'];

export interface InvocationMeta {
  mcpId: string;
  tool: string;
  /** ISO 8601, when the call completed. */
  timestamp: string;
  requestId?: string;
}

/**
 * The convenience `result`: the structured content; else, for a single text block, its JSON value when it parses and
 * its text when not; else the text blocks joined with "\n" (several blocks are not parsed: no one JSON value spans
 * them); else null (no text at all, e.g. only images). `content` stays the authoritative, unchanged upstream answer.
 */
export function convenienceResult(call: Pick<ToolCallResult, 'content' | 'structuredContent'>): unknown {
  if (call.structuredContent !== null) return call.structuredContent;
  const texts = call.content.flatMap((block) =>
    block.type === 'text' && typeof block.text === 'string' ? [block.text] : [],
  );
  if (texts.length === 0) return null;
  if (texts.length > 1) return texts.join('\n');
  const text = texts[0] as string;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * @example
 * toInvokeResult(call, { mcpId: 'mcp_1', tool: 'get_weather', timestamp: new Date().toISOString() })
 */
export function toInvokeResult(call: ToolCallResult, meta: InvocationMeta): InvokeResult {
  return {
    result: convenienceResult(call),
    content: call.content,
    structured_content: call.structuredContent,
    is_error: call.isError,
    metadata: {
      mcp_id: meta.mcpId,
      tool: meta.tool,
      latency_ms: call.latencyMs,
      timestamp: meta.timestamp,
      ...(meta.requestId === undefined ? {} : { request_id: meta.requestId }),
    },
  };
}

export function findTool(tools: readonly Tool[], name: string): Tool | undefined {
  return tools.find((tool) => tool.name === name);
}

/** Levenshtein distance, two rows. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The tool name nearest to `name` (case-insensitive edit distance), when it is near enough to be a typo. */
export function suggestTool(tools: readonly Pick<Tool, 'name'>[], name: string): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const tool of tools) {
    const distance = editDistance(name.toLowerCase(), tool.name.toLowerCase());
    if (!best || distance < best.distance) best = { name: tool.name, distance };
  }
  // Beyond half the name's length a suggestion is noise.
  return best && best.distance <= Math.max(2, Math.floor(name.length / 2)) ? best.name : undefined;
}

/** `404 tool_not_found`, with the "did you mean" suggestion in the message and details when there is one. */
export function toolNotFound(mcpId: string, tools: readonly Pick<Tool, 'name'>[], name: string): ApiError {
  const suggestion = suggestTool(tools, name);
  return new ApiError(
    'tool_not_found',
    suggestion ? `MCP ${mcpId} has no tool ${name}; did you mean ${suggestion}?` : `MCP ${mcpId} has no tool ${name}`,
    suggestion ? { tool: name, suggestion } : { tool: name },
  );
}

/**
 * The tool `name` from the cached catalogue; when it is not there, the catalogue is refreshed once (`refresh` lists
 * the upstream's tools and stores them) before answering `tool_not_found`, so a tool the upstream added since the last
 * refresh works at once.
 */
export async function resolveTool(
  mcpId: string,
  cached: readonly Tool[],
  name: string,
  refresh: () => Promise<readonly Tool[]>,
): Promise<Tool> {
  const hit = findTool(cached, name);
  if (hit) return hit;
  const fresh = await refresh();
  const found = findTool(fresh, name);
  if (found) return found;
  throw toolNotFound(mcpId, fresh, name);
}
