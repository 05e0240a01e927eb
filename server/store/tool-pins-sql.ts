/** Pinned tool definitions in the embedded store (the rules: tool-pins-statements.ts and types.ts). */
import { limitOffset } from './paging.js';
import type { SqlDb } from './sql-db.js';
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
  toToolPin,
  unchangedApproval,
} from './tool-pins-statements.js';
import type { ObservedDefinition, Store, ToolPinRow } from './types.js';

type ToolPinQueries = Pick<Store, 'observeToolDefinitions' | 'listToolPins' | 'approveToolDefinition'>;

/**
 * Observes definitions inside a write transaction already open (sql.js runs one at a time, synchronously, so the read
 * and the write of each tool cannot interleave with another's). Definitions are taken in order, so two for the same
 * tool in one catalogue pin the first and record the second as a change.
 */
export function observeInTransaction(
  db: SqlDb,
  mcpId: string,
  observed: readonly ObservedDefinition[],
  at: string,
): ToolPinRow[] {
  const pins = new Map<string, ToolPinRow>();
  for (const definition of observed) {
    const read = () => {
      const row = db.get(SELECT_PIN, [mcpId, definition.tool]);
      return row && toToolPin(row);
    };
    const existing = read();
    const step = pinStep(existing, definition);
    if (step === 'pin') db.run(INSERT_PIN, insertPinParams(mcpId, definition, at));
    else if (step === 'record-change' && existing) db.run(RECORD_CHANGE, recordChangeParams(existing, definition, at));
    const pin = step === 'none' ? existing : read();
    if (pin) pins.set(pin.tool, pin);
  }
  return [...pins.values()];
}

export function toolPinQueries(db: SqlDb): ToolPinQueries {
  return {
    observeToolDefinitions: (mcpId, observed, at) => db.write(() => observeInTransaction(db, mcpId, observed, at)),
    async listToolPins(orgId, mcpId, filter, page) {
      const where = listPinsSql(filter.changedOnly === true);
      const paging = page ? ' LIMIT ? OFFSET ?' : '';
      const items = db
        .all(`SELECT * FROM tool_pins ${where}${paging}`, [orgId, mcpId, ...(page ? limitOffset(page) : [])])
        .map(toToolPin);
      const total = page
        ? Number(
            db.get(`SELECT COUNT(*) AS n FROM tool_pins ${where.replace(/ ORDER BY .*$/, '')}`, [orgId, mcpId])?.n ?? 0,
          )
        : items.length;
      return { items, total };
    },
    async approveToolDefinition(orgId, mcpId, tool, hash, approvedBy, at) {
      return db.write(() => {
        const changed = db.run(APPROVE_CHANGE, [at, approvedBy, orgId, mcpId, tool, hash]);
        const row = db.get(SELECT_ORG_PIN, [orgId, mcpId, tool]);
        const pin = row && toToolPin(row);
        if (changed > 0 && pin) {
          const catalogue = db.get('SELECT tools FROM mcps WHERE id = ?', [mcpId]);
          if (catalogue) {
            const tools = catalogueAfterApproval(String(catalogue.tools), pin);
            db.run('UPDATE mcps SET tools = ? WHERE id = ?', [tools, mcpId]);
          }
          return { approved: true, pin };
        }
        return unchangedApproval(pin, hash);
      });
    },
  };
}
