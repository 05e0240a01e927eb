import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/errors.js';
import type { Tool } from '../store/types.js';
import { convenienceResult, resolveTool, suggestTool, toInvokeResult, validateArguments } from './invocation.js';
import type { ToolCallResult } from './types.js';

const text = (t: string) => ({ type: 'text', text: t });

describe('convenience result', () => {
  const cases: [string, { given: Pick<ToolCallResult, 'content' | 'structuredContent'>; want: unknown }][] = [
    ['structured content wins', { given: { content: [text('{"a":1}')], structuredContent: { b: 2 } }, want: { b: 2 } }],
    [
      'a single JSON text block is parsed',
      { given: { content: [text('{"a":1}')], structuredContent: null }, want: { a: 1 } },
    ],
    [
      'a single non-JSON text block stays text',
      { given: { content: [text('Echo: hi')], structuredContent: null }, want: 'Echo: hi' },
    ],
    [
      'several text blocks are joined, not parsed',
      { given: { content: [text('1'), text('2')], structuredContent: null }, want: '1\n2' },
    ],
    [
      'non-text blocks are skipped',
      {
        given: {
          content: [{ type: 'image', data: 'x', mimeType: 'image/png' }, text('caption')],
          structuredContent: null,
        },
        want: 'caption',
      },
    ],
    [
      'no text at all is null',
      {
        given: { content: [{ type: 'image', data: 'x', mimeType: 'image/png' }], structuredContent: null },
        want: null,
      },
    ],
    ['empty content is null', { given: { content: [], structuredContent: null }, want: null }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(convenienceResult(given)).toEqual(want);
  });

  it('toInvokeResult passes content, structured content and isError through with metadata', () => {
    const call: ToolCallResult = { content: [text('boom')], structuredContent: null, isError: true, latencyMs: 12.5 };
    expect(
      toInvokeResult(call, { mcpId: 'mcp_1', tool: 'fail', timestamp: '2026-01-01T00:00:00.000Z', requestId: 'req_1' }),
    ).toEqual({
      result: 'boom',
      content: [text('boom')],
      structured_content: null,
      is_error: true,
      metadata: {
        mcp_id: 'mcp_1',
        tool: 'fail',
        latency_ms: 12.5,
        timestamp: '2026-01-01T00:00:00.000Z',
        request_id: 'req_1',
      },
    });
  });
});

const tools: Tool[] = [
  { name: 'get_weather', description: null, input_schema: { type: 'object' } },
  { name: 'get_forecast', description: null, input_schema: { type: 'object' } },
  { name: 'calculate', description: null, input_schema: { type: 'object' } },
];

describe('tool lookup', () => {
  it.each([
    ['get_wether', 'get_weather'],
    ['GET_FORECAST', 'get_forecast'],
    ['calculat', 'calculate'],
    ['send_email', undefined],
  ])('suggests %s → %s', (name, want) => {
    expect(suggestTool(tools, name)).toBe(want);
  });

  it('refreshes the catalogue once for an unknown tool before answering tool_not_found with a suggestion', async () => {
    let refreshes = 0;
    const added: Tool = { name: 'sleep', description: null, input_schema: { type: 'object' } };
    const refresh = async () => {
      refreshes += 1;
      return [...tools, added];
    };
    await expect(resolveTool('mcp_1', tools, 'sleep', refresh)).resolves.toEqual(added);
    expect(refreshes).toBe(1);
    const error = await resolveTool('mcp_1', tools, 'get_wether', async () => tools).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'tool_not_found',
      status: 404,
      details: { tool: 'get_wether', suggestion: 'get_weather' },
    });
    expect((error as ApiError).message).toContain('did you mean get_weather?');
    await expect(
      resolveTool('mcp_1', tools, 'calculate', async () => {
        throw new Error('not called');
      }),
    ).resolves.toMatchObject({ name: 'calculate' });
  });
});

describe('argument validation', () => {
  const weather = {
    name: 'get_weather',
    input_schema: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: {
        location: { type: 'string', minLength: 1 },
        days: { type: 'integer', minimum: 1 },
        when: { type: 'string', format: 'date' },
      },
      required: ['location'],
      additionalProperties: false,
    },
  };

  it('accepts valid arguments', () => {
    expect(validateArguments(weather, { location: 'Oslo', days: 3, when: '2026-01-02' })).toBeNull();
  });

  it('names each bad field with a message', () => {
    expect(validateArguments(weather, { days: 0, extra: true, when: 'tomorrow' })).toEqual({
      'arguments.location': 'is required',
      'arguments.days': 'must be >= 1',
      'arguments.extra': 'is not allowed',
      'arguments.when': 'must match format "date"',
    });
  });

  it('understands 2020-12 schemas (prefixItems)', () => {
    const tool = {
      name: 'pair',
      input_schema: {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        properties: { pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], items: false } },
      },
    };
    expect(validateArguments(tool, { pair: ['a', 1] })).toBeNull();
    expect(validateArguments(tool, { pair: [1, 'a'] })).toMatchObject({
      'arguments.pair.0': 'must be string',
      'arguments.pair.1': 'must be number',
    });
  });

  it('treats a schema it cannot compile as permissive instead of failing', () => {
    const broken = {
      name: 'x',
      input_schema: { type: 'object', properties: { a: { $ref: '#/definitions/missing' } } },
    };
    expect(validateArguments(broken, { a: 1 })).toBeNull();
    const draft4 = {
      name: 'y',
      input_schema: { $schema: 'http://json-schema.org/draft-04/schema#', type: 'object', required: ['a'] },
    };
    expect(validateArguments(draft4, {})).toEqual({ 'arguments.a': 'is required' });
  });

  it('two tools sharing an $id do not collide', () => {
    const one = {
      name: 'one',
      input_schema: { $id: 'https://example.com/args.json', type: 'object', required: ['a'] },
    };
    const two = {
      name: 'two',
      input_schema: { $id: 'https://example.com/args.json', type: 'object', required: ['b'] },
    };
    expect(validateArguments(one, { b: 1 })).toEqual({ 'arguments.a': 'is required' });
    expect(validateArguments(two, { a: 1 })).toEqual({ 'arguments.b': 'is required' });
  });
});
