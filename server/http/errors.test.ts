/**
 * The server's error catalogue and the contract's `ErrorCode` enum (with `x-status-by-code`) are the same list,
 * with the same statuses, both ways.
 */
import { describe, expect, test } from 'vitest';
import { loadContract } from '../../contract/index.js';
import { ApiError, ERROR_CATALOGUE, type ErrorCode } from './errors.js';

const { errorCatalogue } = loadContract();
const specCodes = [...errorCatalogue.keys()];
const statusByCode = Object.fromEntries(errorCatalogue);
const catalogue = Object.entries(ERROR_CATALOGUE) as [ErrorCode, { status: number; message: string }][];

describe('error catalogue against openapi.yaml', () => {
  test.each(catalogue)('catalogued %s is in the spec enum with the same status', (code, entry) => {
    expect(specCodes).toContain(code);
    expect(statusByCode[code]).toBe(entry.status);
  });

  test.each(specCodes)('spec code %s is catalogued with its x-status-by-code status', (code) => {
    const entry = (ERROR_CATALOGUE as Record<string, { status: number } | undefined>)[code];
    expect(entry, `${code} missing from ERROR_CATALOGUE`).toBeDefined();
    expect(entry?.status).toBe(statusByCode[code]);
  });

  test.each(catalogue)('%s has a default message', (_code, entry) => {
    expect(entry.message.trim().length).toBeGreaterThan(0);
  });

  test('ApiError takes status and default message from the catalogue', () => {
    const error = new ApiError('rate_limited');
    expect([error.status, error.message]).toEqual([429, ERROR_CATALOGUE.rate_limited.message]);
  });
});
