/**
 * Seeding lists before whole-list checks: with writes allowed, enough MCP servers and API keys are created that every
 * list has several pages at small page sizes. They are registered for removal like anything else a check creates.
 * Given a known tool (--mcp-id, --tool), usage history is topped up by invoking it. Members are seeded by inviting
 * `.invalid` addresses and accepting the invitations (acceptInvitation), pending invitations by inviting; the run
 * removes the members and withdraws the invitations it made.
 */
import type { CheckContext } from '../context.js';
import { acceptInvitation, createApiKey, createInvitation, createMcp } from './fixtures.js';
import { getPage } from './lists.js';

/** Each seeded list holds at least this many items: more than the largest walked page size but one. */
export const SEED_TARGET = 7;

async function totalOf(ctx: CheckContext, path: string): Promise<number> {
  const page = await getPage(ctx, path, { per_page: 1 });
  return page.pagination?.total ?? 0;
}

/**
 * Tops `/v1/mcps`, `/v1/api-keys` (and, given a known tool, `/v1/usage/history`) up to `SEED_TARGET` items each.
 * Stops at the first refusal (a plan limit, a role) and says so in a note; returns how many were created per list.
 */
export async function seedLists(ctx: CheckContext): Promise<Record<string, number>> {
  const created: Record<string, number> = {};
  if (!ctx.config.allowWrites) {
    ctx.note('read-only run: lists are walked as they are (--allow-writes seeds 7 items per list first)');
    return created;
  }
  const seeders: [string, (i: number) => Promise<{ reply: { status: number; text: string }; ok: boolean }>][] = [
    [
      '/v1/mcps',
      async (i) => {
        const r = await createMcp(ctx, `seed-${i}`);
        return { reply: r.reply, ok: Boolean(r.mcp) };
      },
    ],
    [
      '/v1/api-keys',
      async (i) => {
        const r = await createApiKey(ctx, `seed-${i}`);
        return { reply: r.reply, ok: Boolean(r.key) };
      },
    ],
  ];
  seeders.push(
    [
      '/v1/organization/members',
      async (i) => {
        const invited = await createInvitation(ctx, `seed-member-${i}`);
        if (!invited.invite?.token) return { reply: invited.reply, ok: false };
        const r = await acceptInvitation(ctx, invited.invite.token);
        return { reply: r.reply, ok: Boolean(r.accepted) };
      },
    ],
    [
      '/v1/organization/invitations',
      async (i) => {
        const r = await createInvitation(ctx, `seed-invitation-${i}`);
        return { reply: r.reply, ok: Boolean(r.invite) };
      },
    ],
  );
  const { mcpId, tool } = ctx.config;
  if (mcpId && tool) {
    // Usage history grows by one record per invocation (openapi.yaml "Tool invocation"); records stay, as usage does.
    seeders.push([
      '/v1/usage/history',
      async () => {
        const reply = await ctx.http.send('POST', '/mcp', {
          json: { mcp_id: mcpId, tool, arguments: ctx.config.arguments ?? {} },
        });
        return { reply, ok: reply.status === 200 };
      },
    ]);
  }
  for (const [path, seed] of seeders) {
    const missing = SEED_TARGET - (await totalOf(ctx, path));
    created[path] = 0;
    for (let i = 0; i < missing; i++) {
      const { reply, ok } = await seed(i);
      if (!ok) {
        ctx.note(`seeding ${path} stopped after ${i}: ${reply.status} ${reply.text.slice(0, 120)}`);
        break;
      }
      created[path]++;
    }
  }
  return created;
}
