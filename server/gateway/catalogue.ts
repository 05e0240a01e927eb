/** Reading an upstream's catalogue: every page of its tools, and how many resources it offers. */
import type { Tool as SdkTool } from '@modelcontextprotocol/sdk/types.js';
import type { Tool } from '../store/types.js';
import type { Deadline } from './deadline.js';
import type { UpstreamConnection } from './upstream-connection.js';

/** Slack so that our own deadline, not the SDK's request timeout, ends a slow call. */
export const SDK_TIMEOUT_SLACK_MS = 1_000;

function toTool(tool: SdkTool): Tool {
  return { name: tool.name, description: tool.description ?? null, input_schema: tool.inputSchema };
}

export async function listAllTools(
  connection: UpstreamConnection,
  deadline: Deadline,
  timeoutMs: number,
): Promise<Tool[]> {
  const tools: Tool[] = [];
  let cursor: string | undefined;
  do {
    const page = await connection.client.listTools(cursor ? { cursor } : {}, {
      signal: deadline.signal,
      timeout: timeoutMs + SDK_TIMEOUT_SLACK_MS,
    });
    tools.push(...page.tools.map(toTool));
    cursor = page.nextCursor;
  } while (cursor);
  return tools;
}

export async function countResources(
  connection: UpstreamConnection,
  deadline: Deadline,
  timeoutMs: number,
): Promise<number> {
  if (!connection.client.getServerCapabilities()?.resources) return 0;
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await connection.client.listResources(cursor ? { cursor } : {}, {
      signal: deadline.signal,
      timeout: timeoutMs + SDK_TIMEOUT_SLACK_MS,
    });
    count += page.resources.length;
    cursor = page.nextCursor;
  } while (cursor);
  return count;
}
