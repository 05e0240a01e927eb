/**
 * The external services some tests run against: PostgreSQL and Redis, started by `bash scripts/services.sh start`,
 * which prints the variables below. Under CI (`CI=true`) a missing service is an error, so a CI run can never pass by
 * silently skipping them; a developer without them gets the tests skipped with a message saying how to run them.
 */
export const TEST_DATABASE_URL = 'PLEXMCP_TEST_DATABASE_URL';
export const TEST_REDIS_URL = 'PLEXMCP_TEST_REDIS_URL';

export type ServiceLookup = { url: string; skipReason?: undefined } | { url?: undefined; skipReason: string };

/** The URL in `variable`, or why the tests that need it are skipped; throws under CI when it is missing. */
export function testService(variable: typeof TEST_DATABASE_URL | typeof TEST_REDIS_URL): ServiceLookup {
  const url = process.env[variable]?.trim();
  if (url) return { url };
  const how = `start the services with \`eval "$(bash scripts/services.sh start)"\` to run them`;
  if (process.env.CI === 'true') throw new Error(`${variable} is not set under CI=true: .ci/run must ${how.slice(6)}`);
  return { skipReason: `${variable} is not set: skipped; ${how}` };
}
