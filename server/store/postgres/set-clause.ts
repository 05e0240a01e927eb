import type { PgParam } from './pg-db.js';

/** `a = ?, b = ?` for the fields that are not undefined (an explicit null is written), with their values. */
export function setClause(fields: Record<string, PgParam>): [string, PgParam[]] {
  const given = Object.entries(fields).filter(([, value]) => value !== undefined);
  return [given.map(([column]) => `${column} = ?`).join(', '), given.map(([, value]) => value)];
}
