import { describe, expect, it } from 'vitest';
import { aggregatedName, assignSlugs, slugOf, splitName } from './tool-names.js';

describe('aggregated tool names', () => {
  it.each([
    ['Weather API', 'weather-api'],
    ['  Ünïcode & Co. ', 'unicode-co'],
    ['***', 'mcp'],
    ['A'.repeat(40), 'a'.repeat(32)],
    [`${'b'.repeat(31)} x`, 'b'.repeat(31)],
  ])('slug of %j is %j', (name, slug) => {
    expect(slugOf(name)).toBe(slug);
  });

  it('the oldest MCP keeps a shared slug; the others add the tail of their id', () => {
    const slugs = assignSlugs([
      { id: 'mcp_newerABCDEFGH', name: 'Weather', createdAt: '2026-01-02T00:00:00Z' },
      { id: 'mcp_older', name: 'weather', createdAt: '2026-01-01T00:00:00Z' },
      { id: 'mcp_other', name: 'Search', createdAt: '2026-01-03T00:00:00Z' },
    ]);
    expect(Object.fromEntries(slugs)).toEqual({
      mcp_older: 'weather',
      mcp_newerABCDEFGH: 'weather-abcdefgh',
      mcp_other: 'search',
    });
  });

  it('names split back at the first double underscore, and invalid names are refused', () => {
    expect(aggregatedName('weather', 'get__forecast')).toBe('weather__get__forecast');
    expect(splitName('weather__get__forecast')).toEqual({ slug: 'weather', tool: 'get__forecast' });
    expect(aggregatedName('weather', 'has space')).toBeUndefined();
    expect(aggregatedName('weather', 'x'.repeat(120))).toBeUndefined();
    expect(splitName('__tool')).toBeUndefined();
    expect(splitName('weather__')).toBeUndefined();
    expect(splitName('plain')).toBeUndefined();
  });
});
