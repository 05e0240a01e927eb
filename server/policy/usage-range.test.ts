import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/errors.js';
import { startOfUtcWeek, usageRange } from './usage-range.js';

const NOW = new Date('2024-01-20T15:45:00.000Z');

describe('usageRange', () => {
  it('defaults to the month ending now', () => {
    expect(usageRange({}, NOW)).toEqual({ period: 'month', from: '2023-12-21T15:45:00.000Z', to: NOW.toISOString() });
  });
  it('covers whole days for dates', () => {
    expect(usageRange({ start_date: '2024-01-01', end_date: '2024-01-31' }, NOW)).toEqual({
      period: 'custom',
      from: '2024-01-01T00:00:00.000Z',
      to: '2024-01-31T23:59:59.999Z',
    });
  });
  it('reads date-times with and without an offset (UTC when none)', () => {
    const range = usageRange({ start_date: '2024-01-01T10:00:00+02:00', end_date: '2024-01-02T10:00:00' }, NOW);
    expect(range.from).toBe('2024-01-01T08:00:00.000Z');
    expect(range.to).toBe('2024-01-02T10:00:00.000Z');
  });
  it.each([
    ['not a date', { start_date: 'yesterday' }, 'start_date'],
    ['a day that does not exist', { start_date: '2024-02-30' }, 'start_date'],
    ['a start after the end', { start_date: '2024-02-01', end_date: '2024-01-01' }, 'end_date'],
  ])('rejects %s with 400 invalid_request naming the field', (_name, query, field) => {
    try {
      usageRange(query, NOW);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).code).toBe('invalid_request');
      expect((err as ApiError).details).toHaveProperty(field);
    }
  });
});

describe('startOfUtcWeek', () => {
  it('is Monday 00:00 UTC', () => {
    expect(startOfUtcWeek(NOW)).toBe('2024-01-15T00:00:00.000Z');
    expect(startOfUtcWeek(new Date('2024-01-15T00:00:00Z'))).toBe('2024-01-15T00:00:00.000Z');
  });
});
