/** A write that would duplicate a unique value (a member's email in an organisation, a key hash, an idempotency key).
 * Routes map it to 409 `already_exists`. */
export class StoreConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreConflictError';
  }
}

export function isStoreConflict(error: unknown): error is StoreConflictError {
  return error instanceof StoreConflictError;
}

/** Turns SQLite's constraint messages ("UNIQUE constraint failed: members.org_id, members.email") into a typed error. */
export function translateSqlError(error: unknown): unknown {
  if (error instanceof Error && /^(UNIQUE|PRIMARY KEY) constraint failed/.test(error.message)) {
    return new StoreConflictError(error.message);
  }
  return error;
}

/**
 * A write that would leave an organisation without an owner, or without an active API key acting as owner (openapi.yaml,
 * "Key management"). Checked inside the write's own transaction, so two requests racing to remove the last two owners
 * cannot both succeed. Use cases map it to 409 `conflict`.
 */
export class LastOwnerError extends Error {
  constructor(
    readonly what: 'owner' | 'owner_key',
    message: string,
  ) {
    super(message);
    this.name = 'LastOwnerError';
  }
}

export function isLastOwnerError(error: unknown): error is LastOwnerError {
  return error instanceof LastOwnerError;
}
