import { describe, expect, it } from 'vitest';
import { monthWindow } from './month-window.js';

describe('monthWindow', () => {
  const cases: [string, { now: string; want: { month: string; from: string; to: string; resetsAt: string } }][] = [
    [
      'mid-month',
      {
        now: '2026-11-26T04:30:00.000Z',
        want: {
          month: '2026-11',
          from: '2026-11-01T00:00:00.000Z',
          to: '2026-11-30T23:59:59.999Z',
          resetsAt: '2026-12-01T00:00:00.000Z',
        },
      },
    ],
    [
      'the first instant of a month belongs to it',
      {
        now: '2026-12-01T00:00:00.000Z',
        want: {
          month: '2026-12',
          from: '2026-12-01T00:00:00.000Z',
          to: '2026-12-31T23:59:59.999Z',
          resetsAt: '2027-01-01T00:00:00.000Z',
        },
      },
    ],
    [
      'the last millisecond of December resets into January of the next year',
      {
        now: '2026-12-31T23:59:59.999Z',
        want: {
          month: '2026-12',
          from: '2026-12-01T00:00:00.000Z',
          to: '2026-12-31T23:59:59.999Z',
          resetsAt: '2027-01-01T00:00:00.000Z',
        },
      },
    ],
    [
      'January after a year boundary',
      {
        now: '2027-01-01T00:00:00.000Z',
        want: {
          month: '2027-01',
          from: '2027-01-01T00:00:00.000Z',
          to: '2027-01-31T23:59:59.999Z',
          resetsAt: '2027-02-01T00:00:00.000Z',
        },
      },
    ],
    [
      'February of a leap year has 29 days',
      {
        now: '2028-02-29T12:00:00.000Z',
        want: {
          month: '2028-02',
          from: '2028-02-01T00:00:00.000Z',
          to: '2028-02-29T23:59:59.999Z',
          resetsAt: '2028-03-01T00:00:00.000Z',
        },
      },
    ],
    [
      'February of a common year has 28 days',
      {
        now: '2027-02-15T00:00:00.000Z',
        want: {
          month: '2027-02',
          from: '2027-02-01T00:00:00.000Z',
          to: '2027-02-28T23:59:59.999Z',
          resetsAt: '2027-03-01T00:00:00.000Z',
        },
      },
    ],
    [
      'a century that is not a leap year (2100)',
      {
        now: '2100-02-10T00:00:00.000Z',
        want: {
          month: '2100-02',
          from: '2100-02-01T00:00:00.000Z',
          to: '2100-02-28T23:59:59.999Z',
          resetsAt: '2100-03-01T00:00:00.000Z',
        },
      },
    ],
    [
      'a local late evening elsewhere is still judged in UTC',
      {
        now: '2026-11-30T23:30:00.000-05:00',
        want: {
          month: '2026-12',
          from: '2026-12-01T00:00:00.000Z',
          to: '2026-12-31T23:59:59.999Z',
          resetsAt: '2027-01-01T00:00:00.000Z',
        },
      },
    ],
  ];

  it.each(cases)('%s', (_name, { now, want }) => {
    expect(monthWindow(new Date(now))).toEqual(want);
  });
});
