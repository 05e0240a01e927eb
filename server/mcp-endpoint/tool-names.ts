/**
 * The names under which the MCP endpoint lists an organisation's tools (openapi.yaml "MCP endpoint"): `<slug>__<tool>`,
 * where the slug comes from the MCP server's name and is unique within the organisation. A slug holds no `_`, so the
 * first `__` of a name always ends it, whatever the tool's own name holds.
 */

/** A valid MCP tool name: 1 to 128 of `A-Z a-z 0-9 _ - .` (MCP 2025-11-25, Tool names). */
export const MCP_TOOL_NAME = /^[A-Za-z0-9_.-]{1,128}$/;
const SEPARATOR = '__';
const SLUG_MAX = 32;
const ID_TAIL = 8;

/** The slug of one MCP server's name: lower case, runs of anything but a-z0-9 as one `-`, trimmed, at most 32. */
export function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, SLUG_MAX)
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'mcp' : slug;
}

interface Named {
  id: string;
  name: string;
  createdAt: string;
}

/**
 * Every MCP server's slug in one organisation: the oldest (creation time, then id) of those sharing a slug keeps it,
 * each other adds `-` and the last 8 characters of its id in lower case (its whole id if that still collides).
 */
export function assignSlugs(mcps: readonly Named[]): Map<string, string> {
  const ordered = [...mcps].sort((a, b) =>
    a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1,
  );
  const taken = new Set<string>();
  const slugs = new Map<string, string>();
  for (const mcp of ordered) {
    const base = slugOf(mcp.name);
    let slug = base;
    if (taken.has(slug)) slug = `${base}-${mcp.id.slice(-ID_TAIL).toLowerCase()}`;
    if (taken.has(slug)) slug = `${base}-${mcp.id.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
    taken.add(slug);
    slugs.set(mcp.id, slug);
  }
  return slugs;
}

/** The aggregated name of `tool` on the MCP server with `slug`, or undefined when it would not be a valid name. */
export function aggregatedName(slug: string, tool: string): string | undefined {
  const name = `${slug}${SEPARATOR}${tool}`;
  return MCP_TOOL_NAME.test(name) ? name : undefined;
}

/** The slug and the upstream tool name of an aggregated name, or undefined when it is not one. */
export function splitName(name: string): { slug: string; tool: string } | undefined {
  const at = name.indexOf(SEPARATOR);
  if (at <= 0) return undefined;
  const tool = name.slice(at + SEPARATOR.length);
  return tool === '' ? undefined : { slug: name.slice(0, at), tool };
}
