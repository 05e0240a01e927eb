/**
 * The time range a usage query covers: `start_date`/`end_date` (ISO 8601 date or date-time, UTC when no offset is
 * given; a date alone covers its whole day) or else the `period` ending now. Invalid dates or a start after the end
 * are `400 invalid_request`.
 */
import { ApiError } from '../http/errors.js';

export type Period = 'day' | 'week' | 'month';
export interface UsageRange {
  period: Period | 'custom';
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const PERIOD_MS: Readonly<Record<Period, number>> = { day: DAY_MS, week: 7 * DAY_MS, month: 30 * DAY_MS };
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:?\d{2})?$/;

function parseDate(name: string, value: string, edge: 'start' | 'end'): Date {
  let text: string;
  if (DATE.test(value)) text = `${value}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}Z`;
  else if (DATE_TIME.test(value)) text = /([Zz]|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}Z`;
  else
    throw new ApiError('invalid_request', `${name} must be an ISO 8601 date or date-time`, {
      [name]: 'must be an ISO 8601 date or date-time',
    });
  const date = new Date(text.replace(' ', 'T'));
  // Date.parse rolls 2024-02-30 over to March; a calendar date that does not exist is an error.
  if (Number.isNaN(date.getTime()) || (DATE.test(value) && date.toISOString().slice(0, 10) !== value)) {
    throw new ApiError('invalid_request', `${name} is not a valid date`, { [name]: 'is not a valid date' });
  }
  return date;
}

export function usageRange(
  query: { period?: unknown; start_date?: unknown; end_date?: unknown },
  now: Date,
): UsageRange {
  const period: Period = query.period === 'day' || query.period === 'week' ? query.period : 'month';
  const end = typeof query.end_date === 'string' ? parseDate('end_date', query.end_date, 'end') : now;
  const start =
    typeof query.start_date === 'string'
      ? parseDate('start_date', query.start_date, 'start')
      : new Date(end.getTime() - PERIOD_MS[period]);
  if (start.getTime() > end.getTime()) {
    throw new ApiError('invalid_request', 'start_date must not be after end_date', {
      end_date: 'must not be before start_date',
    });
  }
  const custom = typeof query.start_date === 'string' || typeof query.end_date === 'string';
  return { period: custom ? 'custom' : period, from: start.toISOString(), to: end.toISOString() };
}

export function startOfUtcDay(now: Date): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())).toISOString();
}

export function startOfUtcMonth(now: Date): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
}

/** Monday 00:00 UTC of the current ISO 8601 week. */
export function startOfUtcWeek(now: Date): string {
  const daysSinceMonday = (now.getUTCDay() + 6) % 7;
  return new Date(Date.parse(startOfUtcDay(now)) - daysSinceMonday * DAY_MS).toISOString();
}
