/** Pinned tool definitions on PostgreSQL; the same statements and answers as server/store/tool-pins-sql.ts. */
import { limitOffset } from '../paging.js';
import {
  APPROVE_CHANGE,
  catalogueAfterApproval,
  INSERT_PIN,
  insertPinParams,
  listPinsSql,
  pinStep,
  RECORD_CHANGE,
  recordChangeParams,
  SELECT_ORG_PIN,
  SELECT_PIN,
  SELECT_PINS_OF_MCP,
  toToolPin,
  unchangedApproval,
} from '../tool-pins-statements.js';
import type { ObservedDefinition, Store, ToolPinRow } from '../types.js';
import type { PgDb, PgQueryable } from './pg-db.js';

type ToolPinQueries = Pick<Store, 'observeToolDefinitions' | 'listToolPins' | 'approveToolDefinition'>;

/**
 * Observes definitions in the transaction `tx`. One read finds the tools whose definition is already pinned (a
 * catalogue refresh of an unchanged upstream writes nothing); the others are pinned with an insert that concurrent
 * transactions serialise on the primary key (READ COMMITTED: the second waits, then inserts nothing), and are read
 * again, locked, before a change is recorded against them.
 */
export async function pgObserveInTransaction(
  tx: PgQueryable,
  mcpId: string,
  observed: readonly ObservedDefinition[],
  at: string,
): Promise<ToolPinRow[]> {
  const known = new Map((await tx.all(SELECT_PINS_OF_MCP, [mcpId])).map((row) => [String(row.tool), toToolPin(row)]));
  const pins = new Map<string, ToolPinRow>();
  for (const definition of observed) {
    const cached = known.get(definition.tool);
    if (cached && pinStep(cached, definition) === 'none' && !pins.has(definition.tool)) {
      pins.set(definition.tool, cached);
      continue;
    }
    await tx.run(INSERT_PIN, insertPinParams(mcpId, definition, at));
    const locked = await tx.get(`${SELECT_PIN} FOR UPDATE`, [mcpId, definition.tool]);
    const existing = locked && toToolPin(locked);
    if (existing && pinStep(existing, definition) === 'record-change') {
      await tx.run(RECORD_CHANGE, recordChangeParams(existing, definition, at));
    }
    const row = await tx.get(SELECT_PIN, [mcpId, definition.tool]);
    if (row) pins.set(definition.tool, toToolPin(row));
  }
  return [...pins.values()];
}

export function pgToolPinQueries(db: PgDb): ToolPinQueries {
  return {
    observeToolDefinitions: (mcpId, observed, at) =>
      db.transaction((tx) => pgObserveInTransaction(tx, mcpId, observed, at)),
    async listToolPins(orgId, mcpId, filter, page) {
      const where = listPinsSql(filter.changedOnly === true);
      const paging = page ? ' LIMIT ? OFFSET ?' : '';
      const items = (
        await db.all(`SELECT * FROM tool_pins ${where}${paging}`, [orgId, mcpId, ...(page ? limitOffset(page) : [])])
      ).map(toToolPin);
      const total = page
        ? Number(
            (await db.get(`SELECT COUNT(*) AS n FROM tool_pins ${where.replace(/ ORDER BY .*$/, '')}`, [orgId, mcpId]))
              ?.n ?? 0,
          )
        : items.length;
      return { items, total };
    },
    approveToolDefinition: (orgId, mcpId, tool, hash, approvedBy, at) =>
      db.transaction(async (tx) => {
        // The MCP's row lock first, as a catalogue refresh takes it: the two never interleave.
        const catalogue = await tx.get('SELECT tools FROM mcps WHERE org_id = ? AND id = ? FOR UPDATE', [orgId, mcpId]);
        if (!catalogue) return undefined;
        const changed = await tx.run(APPROVE_CHANGE, [at, approvedBy, orgId, mcpId, tool, hash]);
        const row = await tx.get(SELECT_ORG_PIN, [orgId, mcpId, tool]);
        const pin = row && toToolPin(row);
        if (changed > 0 && pin) {
          const tools = catalogueAfterApproval(String(catalogue.tools), pin);
          await tx.run('UPDATE mcps SET tools = ? WHERE id = ?', [tools, mcpId]);
          return { approved: true, pin };
        }
        return unchangedApproval(pin, hash);
      }),
  };
}
