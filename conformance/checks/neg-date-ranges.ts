import { cite, pointer, section } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';

const RANGED = ['/v1/usage', '/v1/organization/usage', '/v1/usage/history'];

/** Dates that are not ISO 8601, and an end before the start, are 400 invalid_request; a valid range is 200. */
async function dateRanges(ctx: CheckContext): Promise<void> {
  for (const path of RANGED) {
    const documented = cite(
      `GET ${path}: 400 invalid_request`,
      pointer('#/components/parameters/StartDate'),
      pointer('#/components/parameters/EndDate'),
    );
    const notADate = await ctx.http.send('GET', path, { query: { start_date: 'last tuesday' } });
    ctx.expectError(notADate, 400, 'invalid_request', documented);
    const backwards = await ctx.http.send('GET', path, { query: { start_date: '2024-02-01', end_date: '2024-01-01' } });
    ctx.expectError(backwards, 400, 'invalid_request', documented);
    const valid = await ctx.http.send('GET', path, {
      query: { start_date: '2024-01-01', end_date: '2024-01-31T23:59:59Z' },
    });
    if (
      ctx.expectSuccess(
        valid,
        200,
        cite(`GET ${path} with a valid range: 200`, section('Usage periods')),
        path.endsWith('/history'),
      )
    )
      ctx.expectContract(valid);
  }
}

export const negDateRanges: Check = {
  id: 'NEG-005',
  title: 'Invalid or backwards date ranges are 400 invalid_request',
  requirement: cite(
    'openapi.yaml StartDate/EndDate: an ISO 8601 date or date-time, end_date not before start_date; invalid_request 400 for bad parameters.',
    section('Errors'),
    pointer('#/components/parameters/StartDate'),
    pointer('#/components/parameters/EndDate'),
  ),
  run: dateRanges,
};
