/**
 * The demo MCP server's tools and resources. Every answer is a pure function of the arguments, so tests and the
 * conformance suite can assert exact values.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';

const CONDITIONS = ['Sunny', 'Partly cloudy', 'Cloudy', 'Light rain', 'Thunderstorms', 'Fog'] as const;

/** FNV-1a: a stable small hash so the same location always gets the same weather. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (const ch of text.toLowerCase()) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export interface Weather {
  location: string;
  temperature: number;
  unit: 'fahrenheit';
  conditions: string;
  humidity: number;
}

/** The weather the demo reports for `location`, `dayOffset` days ahead. */
export function weatherFor(location: string, dayOffset = 0): Weather {
  const h = hash(`${location}#${dayOffset}`);
  return {
    location,
    temperature: 40 + (h % 50),
    unit: 'fahrenheit',
    conditions: CONDITIONS[(h >>> 8) % CONDITIONS.length] ?? 'Sunny',
    humidity: 20 + ((h >>> 16) % 71),
  };
}

const weatherShape = {
  location: z.string(),
  temperature: z.number(),
  unit: z.literal('fahrenheit'),
  conditions: z.string(),
  humidity: z.number(),
};

function structured<T extends Record<string, unknown>>(value: T) {
  return { content: [{ type: 'text' as const, text: JSON.stringify(value) }], structuredContent: value };
}

function toolError(message: string) {
  return { content: [{ type: 'text' as const, text: message }], isError: true };
}

/** A fresh MCP server with the demo tools; one instance serves one session (the SDK binds a server to one transport). */
export function createDemoMcpServer(): McpServer {
  const server = new McpServer({ name: 'plexmcp-demo', version: '1.0.0' });

  server.registerTool(
    'get_weather',
    {
      description: 'Current weather for a location (deterministic demo data).',
      inputSchema: { location: z.string().min(1).describe('City and region, e.g. "San Francisco, CA"') },
      outputSchema: weatherShape,
    },
    async ({ location }) => structured({ ...weatherFor(location) }),
  );

  server.registerTool(
    'get_forecast',
    {
      description: 'Daily forecast for a location (deterministic demo data).',
      inputSchema: {
        location: z.string().min(1),
        days: z.number().int().min(1).max(14).default(5).describe('Number of days, 1..14'),
      },
      outputSchema: { location: z.string(), days: z.array(z.object({ day: z.number().int(), ...weatherShape })) },
    },
    async ({ location, days }) =>
      structured({
        location,
        days: Array.from({ length: days }, (_, i) => ({ day: i + 1, ...weatherFor(location, i + 1) })),
      }),
  );

  server.registerTool(
    'calculate',
    {
      description: 'Arithmetic on two numbers. Dividing by zero is reported as a tool error.',
      inputSchema: {
        operation: z.enum(['add', 'subtract', 'multiply', 'divide']),
        a: z.number(),
        b: z.number(),
      },
    },
    async ({ operation, a, b }) => {
      if (operation === 'divide' && b === 0) return toolError('Division by zero');
      const result = { add: a + b, subtract: a - b, multiply: a * b, divide: a / b }[operation];
      return structured({ operation, a, b, result });
    },
  );

  server.registerTool(
    'sleep',
    {
      description: 'Waits `ms` milliseconds, then answers (for timeout tests).',
      inputSchema: { ms: z.number().int().min(0).max(600_000) },
    },
    async ({ ms }, extra) => {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        extra.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      return structured({ slept_ms: ms });
    },
  );

  server.registerTool(
    'fail',
    {
      description: 'Always reports a tool error (isError: true).',
      inputSchema: { message: z.string().optional() },
    },
    async ({ message }) => toolError(message ?? 'This tool always fails'),
  );

  server.registerResource(
    'readme',
    'demo://readme',
    { description: 'What this demo server offers', mimeType: 'text/plain' },
    async (uri) => ({
      contents: [{ uri: uri.href, text: 'PlexMCP demo server: get_weather, get_forecast, calculate, sleep, fail.' }],
    }),
  );
  server.registerResource(
    'cities',
    'demo://cities',
    { description: 'Example locations', mimeType: 'application/json' },
    async (uri) => ({
      contents: [{ uri: uri.href, text: JSON.stringify(['San Francisco, CA', 'London, UK', 'Tokyo, JP']) }],
    }),
  );

  return server;
}
