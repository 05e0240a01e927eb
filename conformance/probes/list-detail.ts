/**
 * Lists agree with detail reads: after a write, the item a list shows for an id and the detail read of that id carry
 * the same value in every field both views share (openapi.yaml: `Mcp` and `McpDetail` share `McpFields`, `ApiKey` and
 * `ApiKeyDetail` share `ApiKeyFields`). Only fields a read cannot move on its own are compared: not health or usage
 * figures, which a health round or another client may change between the two reads.
 */
import { cite, operation } from '../citation.js';
import { type CheckContext, dataOf } from '../context.js';

export interface ListDetail {
  listPath: string;
  query?: Record<string, string>;
  detailPath: string;
  id: string;
  stable: readonly string[];
  listOperation: string;
  getOperation: string;
}

/** Reads the detail and finds the id in the list (up to 10 pages of 100), then compares the stable fields. */
export async function expectListAgrees(ctx: CheckContext, p: ListDetail): Promise<void> {
  const documented = cite(
    `${p.listOperation} shows each item as ${p.getOperation} does (the fields both views share)`,
    operation(p.listOperation),
    operation(p.getOperation),
  );
  const detailReply = await ctx.http.send('GET', p.detailPath);
  const detail = dataOf<Record<string, unknown>>(detailReply);
  if (detailReply.status !== 200 || !detail) return;
  for (let page = 1; page <= 10; page++) {
    const list = await ctx.http.send('GET', p.listPath, { query: { ...p.query, per_page: '100', page: String(page) } });
    const items = dataOf<Record<string, unknown>[]>(list);
    if (list.status !== 200 || !Array.isArray(items)) return;
    const item = items.find((i) => i.id === p.id);
    if (!item) {
      if (items.length < 100) break;
      continue;
    }
    const differ = p.stable.filter((f) => JSON.stringify(item[f]) !== JSON.stringify(detail[f]));
    ctx.expect(
      differ.length === 0,
      `${p.listOperation} shows ${p.id} with ${differ.map((f) => `${f} ${JSON.stringify(item[f])}`).join(', ')}; ${p.getOperation} says ${differ.map((f) => JSON.stringify(detail[f])).join(', ')}`,
      { reply: list, documented, kind: 'list-detail-mismatch' },
    );
    ctx.verified('list items compared with their detail read', 1);
    return;
  }
  ctx.fail(`${p.listOperation} does not list ${p.id}, which ${p.getOperation} reads`, {
    reply: detailReply,
    documented,
    kind: 'list-detail-mismatch',
  });
}
