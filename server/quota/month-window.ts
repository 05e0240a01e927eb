/**
 * The quota period: the calendar month in UTC that contains an instant. Pure, so it can be tested across month and
 * year boundaries without waiting for one.
 */

export interface MonthWindow {
  /** 'YYYY-MM', the prefix every ISO 8601 UTC instant of the month starts with (the store's monthly counter key). */
  readonly month: string;
  /** The first instant of the month (inclusive), ISO 8601 UTC. */
  readonly from: string;
  /** The last millisecond of the month (inclusive, matching `UsageFilter.to`), ISO 8601 UTC. */
  readonly to: string;
  /** The first instant of the next month, when the quota starts afresh, ISO 8601 UTC. */
  readonly resetsAt: string;
}

/**
 * @example
 * monthWindow(new Date('2026-12-31T23:59:59Z'));
 * // { month: '2026-12', from: '2026-12-01T00:00:00.000Z', to: '2026-12-31T23:59:59.999Z', resetsAt: '2027-01-01T00:00:00.000Z' }
 */
export function monthWindow(now: Date): MonthWindow {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  const start = Date.UTC(year, month, 1);
  // Date.UTC carries month 12 into January of the next year, and knows leap years.
  const next = Date.UTC(year, month + 1, 1);
  const from = new Date(start).toISOString();
  return {
    month: from.slice(0, 7),
    from,
    to: new Date(next - 1).toISOString(),
    resetsAt: new Date(next).toISOString(),
  };
}
